package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncConnectionTest {
    private static final String HELLO = "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"https://shop.example/\","
            + "\"local\":{\"demo:prefs.theme\":\"\\\"dark\\\"\"},\"session\":{},\"cookies\":\"a=1; b=x=y\",\"applied\":0}";

    private final BrowserSession session = BrowserSession.builder("b1", "demo").build();
    private final List<String> sent = new ArrayList<>();
    private final SyncConnection connection = new SyncConnection(session, sent::add);

    @Test
    void helloHydratesTheSessionWelcomesAndSendsPendingBatches() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")));

        connection.receive(HELLO);

        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"dark\"");
        assertThat(session.entries(StorageArea.COOKIE)).containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo("{\"t\":\"welcome\",\"v\":1,\"app\":\"demo\",\"browser\":\"b1\"}");
        assertThat(sent.get(1)).isEqualTo("{\"t\":\"batch\",\"id\":1,\"writes\":[{\"area\":\"local\",\"key\":\"demo:k\",\"value\":\"1\"}]}");
    }

    @Test
    void appliedInHelloAcknowledgesTheBatchesWhoseAckWasLost() {
        CompletableFuture<Void> first = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1"))).toCompletableFuture();
        CompletableFuture<Void> second = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2"))).toCompletableFuture();

        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":1"));

        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        assertThat(sent).hasSize(2).last().asString().contains("\"id\":2");
    }

    @Test
    void aNewSessionContinuesAboveTheBatchIdsTheBrowserAppliedBeforeARestart() {
        // The browser applied up to 41 with a session the server has since lost (restart, eviction).
        CompletableFuture<Void> offline = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1"))).toCompletableFuture();

        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":41"));

        assertThat(offline).as("not acknowledged on the browser's old count").isNotDone();
        assertThat(sent).last().asString().contains("\"id\":42");
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:j", "2")));
        assertThat(sent).last().asString().contains("\"id\":43");
        connection.receive("{\"t\":\"ack\",\"id\":42}");
        assertThat(offline).isCompleted();
    }

    @Test
    void ackAndFailAnswerBatches() {
        connection.receive(HELLO);
        CompletableFuture<Void> ok = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1"))).toCompletableFuture();
        CompletableFuture<Void> refused = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2"))).toCompletableFuture();

        connection.receive("{\"t\":\"ack\",\"id\":1}");
        connection.receive("{\"t\":\"fail\",\"id\":2,\"error\":\"quota\",\"area\":\"local\",\"key\":\"demo:b\",\"message\":\"full\"}");
        connection.receive("{\"t\":\"ack\",\"id\":99}");

        assertThat(ok).isCompleted();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(QuotaExceededException.class).hasMessageContaining("full");
        assertThat(session.readText(StorageArea.LOCAL, "demo:b")).isEmpty();
    }

    @Test
    void aChangeFromTheBrowserReachesTheSession() {
        connection.receive(HELLO);

        connection.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:prefs.theme\",\"value\":null}");

        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "{}", "{\"t\":7}", "{\"t\":\"shout\"}", "{\"t\":\"ack\"}", "{\"t\":\"ack\",\"id\":\"1\"}",
            "{\"t\":\"ack\",\"id\":-1}", "{\"t\":\"fail\",\"id\":1,\"error\":\"boom\"}",
            "{\"t\":\"change\",\"area\":\"disk\",\"key\":\"demo:a\",\"value\":\"1\"}",
            "{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:a\",\"value\":1}",
            "{\"t\":\"change\",\"area\":\"local\",\"value\":\"1\"}"})
    void malformedFramesAreRefusedAndChangeNothing(String frame) {
        connection.receive(HELLO);
        sent.clear();

        assertThatThrownBy(() -> connection.receive(frame)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.closeCode()).isZero());
        assertThat(session.entries(StorageArea.LOCAL)).containsOnlyKeys("demo:prefs.theme");
        assertThat(sent).isEmpty();
    }

    @Test
    void keysOutsideTheNamespaceAreRefusedWithTheNamespaceCode() {
        connection.receive(HELLO);

        assertThatThrownBy(() -> connection.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"other:x\",\"value\":\"1\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo("namespace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"t\":\"ack\",\"id\":1}",
            "{\"t\":\"hello\",\"v\":2,\"app\":\"demo\"}",
            "{\"t\":\"hello\",\"v\":1,\"app\":\"other\"}",
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":{\"other:x\":\"1\"}}",
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":{\"demo:x\":1}}",
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":[]}",
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"not a url\"}"})
    void violationsCloseTheConnectionAndLeaveTheSessionUnhydrated(String frame) {
        assertThatThrownBy(() -> connection.receive(frame)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION));
        assertThat(session.isHydrated()).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void aSecondHelloIsAViolation() {
        connection.receive(HELLO);

        assertThatThrownBy(() -> connection.receive(HELLO)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION));
    }

    @Test
    void deeplyNestedFramesAreRefusedWithoutRecursingDeeply() {
        String deep = "{\"t\":\"ack\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        connection.receive(HELLO);

        assertThatThrownBy(() -> connection.receive(deep)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void closingTheCurrentConnectionDisconnectsTheSessionButAnOlderOneDoesNot() {
        SyncConnection older = new SyncConnection(session, text -> { });
        older.receive(HELLO);
        connection.receive(HELLO);

        older.closed();
        assertThat(session.isConnected()).isTrue();
        connection.closed();
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void cookieHeadersSplitOnSemicolonsAndKeepTheFirstOfARepeatedName() {
        assertThat(SyncConnection.parseCookieHeader("a=1;  b = 2 ; a=3; =x; flag"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("", "x"));
    }
}
