package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.Write;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs the protocol fuzzing ({@link SyncConnectionFuzzTest}) found wrongly handled, kept as
 * examples once fixed.
 */
class HostileFrameRegressionTest {
    private static final String HELLO = "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"http://localhost/\",\"local\":{},"
            + "\"session\":{},\"cookies\":\"\",\"applied\":0}";

    private final BrowserSession session = BrowserSession.builder("b1", "demo").build();
    private final List<String> sent = new ArrayList<>();
    private final SyncConnection connection = new SyncConnection(session, sent::add);

    @Test
    void anAppliedCountPastWhatJavaScriptHoldsExactlyIsAViolationAndChangesNothing() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")));

        // Found by the fuzzing: the session renumbered its batches to 9007199254740994, an id the
        // glue reads as 9007199254740992 and so could never acknowledge.
        assertThatThrownBy(() -> connection.receive(HELLO.replace("\"applied\":0", "\"applied\":9007199254740993")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION);
                    assertThat(e.getMessage()).contains("'applied'");
                });

        assertThat(session.isHydrated()).as("the refused hello changed nothing").isFalse();
        assertThat(session.pendingBatchIds()).containsExactly(1L);
    }

    @Test
    void aNegativeOrFractionalAppliedCountIsAViolation() {
        for (String applied : List.of("-1", "2.5", "\"3\"", "1e30")) {
            assertThatThrownBy(() -> new SyncConnection(session, sent::add).receive(HELLO.replace("\"applied\":0",
                    "\"applied\":" + applied))).as(applied).isInstanceOf(ProtocolException.class);
        }
        assertThatThrownBy(() -> connection.receive(HELLO.replace("\"applied\":0", "\"applied\":0,\"tabApplied\":-5")))
                .hasMessageContaining("'tabApplied'");
    }

    @Test
    void theLargestAllowedAppliedCountIsAccepted() {
        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":" + Frames.MAX_APPLIED));

        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")));
        assertThat(session.pendingBatchIds()).containsExactly(Frames.MAX_APPLIED + 1);
    }
}
