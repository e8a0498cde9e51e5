package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs the protocol fuzzing ({@link SyncConnectionFuzzTest}) found wrongly handled, kept as
 * examples once fixed.
 */
class HostileFrameRegressionTest {
    private static final String HELLO =
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"http://localhost/\",\"local\":{},"
                    + "\"session\":{},\"cookies\":\"\",\"applied\":0}";

    private final Browser session = Browser.builder("b1", "demo").build();
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
            assertThatThrownBy(() -> new SyncConnection(session, sent::add)
                            .receive(HELLO.replace("\"applied\":0", "\"applied\":" + applied)))
                    .as(applied)
                    .isInstanceOf(ProtocolException.class);
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

    @Test
    void changesThatWouldTakeAnAreaPastTheBudgetAreRefusedOneByOne() {
        Browser small = Browser.builder("b2", "demo")
                .limits(new dev.browserstorage.browser.StorageLimits(64 * 1024, 256 * 1024, 50))
                .build();
        SyncConnection guarded = new SyncConnection(small, sent::add);
        guarded.receive(HELLO);

        // Found by the fuzzing: a key of 1.2 million characters was accepted (only values were
        // bounded), and so would any number of new keys, each under the value limit.
        String hugeKey = "demo:" + "k".repeat(1_200_000);
        assertThatThrownBy(() -> guarded.receive(
                        "{\"t\":\"change\",\"area\":\"local\",\"key\":\"" + hugeKey + "\",\"value\":\"1\"}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo("too-large"));
        String value = "v".repeat(60_000);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            try {
                guarded.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:k" + i + "\",\"value\":\"" + value
                        + "\"}");
                accepted++;
            } catch (ProtocolException e) {
                assertThat(e.code()).isEqualTo("too-large");
            }
        }
        assertThat(accepted).as("as many as fit in 256 Ki units").isEqualTo(4);
        assertThat(small.unitsUsed(StorageArea.LOCAL)).isLessThanOrEqualTo(256 * 1024);

        // Replacing a key with a value no larger still works at the budget's edge.
        guarded.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:k0\",\"value\":\"small\"}");
        assertThat(small.readText(StorageArea.LOCAL, "demo:k0")).contains("small");
    }

    @Test
    void cookiesTheBrowserReportsAreBoundedInSizeAndNumber() {
        connection.receive(HELLO);

        assertThatThrownBy(() -> connection.receive(
                        "{\"t\":\"change\",\"area\":\"cookie\",\"key\":\"c\",\"value\":\"" + "z".repeat(5000) + "\"}"))
                .isInstanceOf(ProtocolException.class);
        for (int i = 0; i < Browser.MAX_COOKIES; i++) {
            connection.receive("{\"t\":\"change\",\"area\":\"cookie\",\"key\":\"c" + i + "\",\"value\":\"1\"}");
        }
        assertThatThrownBy(() -> connection.receive(
                        "{\"t\":\"change\",\"area\":\"cookie\",\"key\":\"one-more\",\"value\":\"1\"}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo("too-large"));
        connection.receive("{\"t\":\"change\",\"area\":\"cookie\",\"key\":\"c0\",\"value\":\"2\"}");
        assertThat(session.entries(StorageArea.COOKIE))
                .hasSize(Browser.MAX_COOKIES)
                .containsEntry("c0", "2");
    }
}
