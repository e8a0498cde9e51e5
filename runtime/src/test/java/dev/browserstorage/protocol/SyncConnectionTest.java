package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncConnectionTest {
    /** A well-formed hello of app {@code demo}, from {@code https://shop.example/}; other tests vary it. */
    static final String HELLO = "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"https://shop.example/\","
            + "\"local\":{\"demo:prefs.theme\":\"\\\"dark\\\"\"},\"session\":{},\"cookies\":\"a=1; b=x=y\",\"applied\":0,\"tab\":\"t1\"}";

    private final Browser session = Browser.builder("b1", "demo").build();
    private final List<String> sent = new ArrayList<>();
    private final SyncConnection connection = new SyncConnection(session, sent::add);

    @Test
    void helloHydratesTheSessionWelcomesAndSendsPendingBatches() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")));

        connection.receive(HELLO);

        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"dark\"");
        assertThat(session.entries(StorageArea.COOKIE)).containsExactly(Map.entry("a", "1"), Map.entry("b", "x=y"));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo("{\"t\":\"welcome\",\"v\":1,\"app\":\"demo\",\"tab\":\"t1\"}");
        assertThat(withoutTokens(sent.get(1)))
                .isEqualTo(
                        "{\"t\":\"batch\",\"id\":1,\"writes\":[{\"area\":\"local\",\"key\":\"demo:k\",\"value\":\"1\"}]}");
    }

    @Test
    void appliedInHelloAcknowledgesTheBatchesWhoseAckWasLost() {
        CompletableFuture<Void> first = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")))
                .toCompletableFuture();
        CompletableFuture<Void> second = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2")))
                .toCompletableFuture();

        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":1"));

        assertThat(first).isCompleted();
        assertThat(second).isNotDone();
        assertThat(sent).hasSize(2).last().asString().contains("\"id\":2");
    }

    @Test
    void aFailureTheHelloReportsFailsItsBatchEvenBelowTheAppliedCount() {
        // Batch 1 failed in the browser and its fail frame was lost; batch 2 applied after it.
        CompletableFuture<Void> first = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")))
                .toCompletableFuture();
        CompletableFuture<Void> second = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2")))
                .toCompletableFuture();

        connection.receive(HELLO.replace(
                "\"applied\":0",
                "\"applied\":2,\"failed\":[{\"id\":1,\"error\":\"quota\","
                        + "\"message\":\"QuotaExceededError: full\",\"area\":\"local\",\"key\":\"demo:a\"}]"));

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::join).cause().isInstanceOf(QuotaExceededException.class);
        assertThat(second).isCompleted();
        assertThat(session.pendingBatchIds()).isEmpty();
        assertThat(session.readText(StorageArea.LOCAL, "demo:a"))
                .as("rolled back")
                .isEmpty();
    }

    @Test
    void aReportedFailureOfALostSessionNeverFailsTheNewSessionsBatches() {
        // The server restarted: its new session's batch 1 is not the batch 3 the browser failed before.
        CompletableFuture<Void> offline = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")))
                .toCompletableFuture();

        connection.receive(HELLO.replace(
                "\"applied\":0",
                "\"applied\":5,\"failed\":[{\"id\":1,\"error\":\"quota\"}," + "{\"id\":3,\"error\":\"unavailable\"}]"));

        assertThat(offline).isNotDone();
        assertThat(sent).last().asString().contains("\"id\":6");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"failed\":7",
                "\"failed\":[1]",
                "\"failed\":[{\"id\":1,\"error\":\"nope\"}]",
                "\"failed\":[{\"id\":0,\"error\":\"quota\"}]",
                "\"tabFailed\":{}"
            })
    void aBadFailureListIsAViolationAndChangesNothing(String failed) {
        CompletableFuture<Void> pending = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")))
                .toCompletableFuture();

        assertThatThrownBy(() -> connection.receive(HELLO.replace("\"applied\":0", "\"applied\":1," + failed)))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.closeCode()).isEqualTo(4400));
        assertThat(session.isHydrated()).isFalse();
        assertThat(pending).isNotDone();
    }

    @Test
    void aHelloMayReportAtMost64Failures() {
        StringBuilder many = new StringBuilder("\"failed\":[");
        for (int id = 1; id <= 65; id++) {
            many.append(id > 1 ? "," : "").append("{\"id\":").append(id).append(",\"error\":\"quota\"}");
        }
        assertThatThrownBy(() -> connection.receive(HELLO.replace("\"applied\":0", "\"applied\":65," + many + "]")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("at most 64");
    }

    @Test
    void aNewSessionContinuesAboveTheBatchIdsTheBrowserAppliedBeforeARestart() {
        // The browser applied up to 41 with a session the server has since lost (restart, eviction).
        CompletableFuture<Void> offline = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", "1")))
                .toCompletableFuture();

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
        CompletableFuture<Void> ok = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")))
                .toCompletableFuture();
        CompletableFuture<Void> refused = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2")))
                .toCompletableFuture();

        connection.receive("{\"t\":\"ack\",\"id\":1}");
        connection.receive(
                "{\"t\":\"fail\",\"id\":2,\"error\":\"quota\",\"area\":\"local\",\"key\":\"demo:b\",\"message\":\"full\"}");
        connection.receive("{\"t\":\"ack\",\"id\":99}");

        assertThat(ok).isCompleted();
        assertThatThrownBy(refused::join)
                .hasCauseInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("full");
        assertThat(session.readText(StorageArea.LOCAL, "demo:b")).isEmpty();
    }

    @Test
    void aChangeFromTheBrowserReachesTheSession() {
        connection.receive(HELLO);

        connection.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:prefs.theme\",\"value\":null}");

        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[1]",
                "{}",
                "{\"t\":7}",
                "{\"t\":\"shout\"}",
                "{\"t\":\"ack\"}",
                "{\"t\":\"ack\",\"id\":\"1\"}",
                "{\"t\":\"ack\",\"id\":-1}",
                "{\"t\":\"fail\",\"id\":1,\"error\":\"boom\"}",
                "{\"t\":\"change\",\"area\":\"disk\",\"key\":\"demo:a\",\"value\":\"1\"}",
                "{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:a\",\"value\":1}",
                "{\"t\":\"change\",\"area\":\"local\",\"value\":\"1\"}"
            })
    void malformedFramesAreRefusedAndChangeNothing(String frame) {
        connection.receive(HELLO);
        sent.clear();

        assertThatThrownBy(() -> connection.receive(frame))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.closeCode()).isZero());
        assertThat(session.entries(StorageArea.LOCAL)).containsOnlyKeys("demo:prefs.theme");
        assertThat(sent).isEmpty();
    }

    @Test
    void keysOutsideTheNamespaceAreRefusedWithTheNamespaceCode() {
        connection.receive(HELLO);

        assertThatThrownBy(() ->
                        connection.receive("{\"t\":\"change\",\"area\":\"local\",\"key\":\"other:x\",\"value\":\"1\"}"))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo("namespace"));
    }

    @Test
    void aTooLargeValueIsRefusedAsTooLargeWhateverItsKeySays() {
        // The refusal's code comes from its reason, not from words of its message (which quotes the key).
        Browser small = Browser.builder("b2", "demo")
                .limits(new dev.browserstorage.browser.StorageLimits(8, 1024, 50))
                .build();
        SyncConnection smallConnection = new SyncConnection(small, sent::add);
        smallConnection.receive(HELLO.replace("{\"demo:prefs.theme\":\"\\\"dark\\\"\"}", "{}"));

        assertThatThrownBy(() -> smallConnection.receive(
                        "{\"t\":\"change\",\"area\":\"local\",\"key\":\"demo:namespace\",\"value\":\"0123456789\"}"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ProtocolException.Reason.TOO_LARGE);
                    assertThat(e.code()).isEqualTo("too-large");
                    assertThat(e.closeCode()).isZero();
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"t\":\"ack\",\"id\":1}",
                "{\"t\":\"hello\",\"v\":2,\"app\":\"demo\"}",
                "{\"t\":\"hello\",\"v\":1,\"app\":\"other\"}",
                "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":{\"other:x\":\"1\"}}",
                "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":{\"demo:x\":1}}",
                "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"local\":[]}",
                "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"not a url\"}"
            })
    void violationsCloseTheConnectionAndLeaveTheSessionUnhydrated(String frame) {
        assertThatThrownBy(() -> connection.receive(frame))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION));
        assertThat(session.isHydrated()).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void aSecondHelloIsAViolation() {
        connection.receive(HELLO);

        assertThatThrownBy(() -> connection.receive(HELLO))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
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
        SyncConnection older = new SyncConnection(session, text -> {});
        older.receive(HELLO);
        connection.receive(HELLO);

        older.closed();
        assertThat(session.isConnected()).isTrue();
        connection.closed();
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void cookieHeadersSplitOnSemicolonsAndKeepTheFirstOfARepeatedName() {
        assertThat(CookieHeader.parse("a=1;  b = 2 ; a=3; =x; flag"))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("", "x"));
    }

    // ---------------------------------------------------------------- tabs: sessionStorage is per tab

    @Test
    void theHelloHydratesTheTabsSessionStorageApartFromTheBrowsers() {
        connection.receive(HELLO.replace("\"session\":{}", "\"session\":{\"demo:draft.text\":\"\\\"hi\\\"\"}"));

        Tab tab = connection.tab().orElseThrow();
        assertThat(tab.tabId()).isEqualTo("t1");
        assertThat(session.findTab("t1")).containsSame(tab);
        assertThat(tab.readText(StorageArea.SESSION, "demo:draft.text")).contains("\"hi\"");
        assertThat(session.entries(StorageArea.SESSION))
                .as("the browser's own session area")
                .isEmpty();
        assertThat(tab.readText(StorageArea.LOCAL, "demo:prefs.theme"))
                .as("localStorage is the browser's")
                .isEmpty();
    }

    @Test
    void aTabsWritesGoOutMarkedAsTheTabsAndOnlyATabAckCompletesThem() {
        connection.receive(HELLO);
        Tab tab = connection.tab().orElseThrow();
        CompletableFuture<Void> local = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")))
                .toCompletableFuture();
        CompletableFuture<Void> draft = tab.write(List.of(Write.set(StorageArea.SESSION, "demo:d", "2")))
                .toCompletableFuture();

        assertThat(sent.subList(1, 3))
                .map(SyncConnectionTest::withoutTokens)
                .containsExactly(
                        "{\"t\":\"batch\",\"id\":1,\"writes\":[{\"area\":\"local\",\"key\":\"demo:a\",\"value\":\"1\"}]}",
                        "{\"t\":\"batch\",\"id\":1,\"tab\":true,\"writes\":[{\"area\":\"session\",\"key\":\"demo:d\",\"value\":\"2\"}]}");
        connection.receive("{\"t\":\"ack\",\"id\":1,\"tab\":true}");
        assertThat(draft).isCompleted();
        assertThat(local).as("the browser's batch 1 is another batch").isNotDone();
        connection.receive("{\"t\":\"ack\",\"id\":1}");
        assertThat(local).isCompleted();
    }

    @Test
    void aDuplicatedTabGetsATabOfItsOwnButAReloadingTabKeepsItsOwn() {
        connection.receive(HELLO);
        SyncConnection duplicate = new SyncConnection(session, sent::add);
        duplicate.receive(HELLO);
        SyncConnection reloaded = new SyncConnection(session, sent::add);
        reloaded.receive(HELLO.replace("\"tab\":\"t1\"", "\"tab\":\"t1\",\"resume\":true"));

        assertThat(duplicate.tab().orElseThrow().tabId()).isNotEqualTo("t1");
        assertThat(sent)
                .filteredOn(frame -> frame.contains("welcome"))
                .hasSize(3)
                .element(1)
                .asString()
                .contains("\"tab\":\"" + duplicate.tab().orElseThrow().tabId() + "\"");
        assertThat(reloaded.tab()).containsSame(connection.tab().orElseThrow());
        assertThat(session.tabIds()).hasSize(2);
    }

    @Test
    void aTabsWritesWaitForThatTabNotForAnotherTabOfTheBrowser() {
        connection.receive(HELLO);
        Tab tab = connection.tab().orElseThrow();
        connection.closed();
        SyncConnection other = new SyncConnection(session, sent::add);
        other.receive(HELLO.replace("t1", "t2"));
        sent.clear();

        CompletableFuture<Void> draft = tab.write(List.of(Write.set(StorageArea.SESSION, "demo:d", "2")))
                .toCompletableFuture();
        assertThat(sent).as("tab t2 must not receive t1's sessionStorage").isEmpty();

        SyncConnection back = new SyncConnection(session, sent::add);
        back.receive(HELLO.replace("\"tab\":\"t1\"", "\"tab\":\"t1\",\"resume\":true"));
        assertThat(sent).last().asString().contains("\"tab\":true").contains("demo:d");
        back.receive("{\"t\":\"ack\",\"id\":1,\"tab\":true}");
        assertThat(draft).isCompleted();
    }

    @Test
    void tabAppliedInHelloAcknowledgesTheTabBatchesWhoseAckWasLost() {
        connection.receive(HELLO);
        Tab tab = connection.tab().orElseThrow();
        CompletableFuture<Void> draft = tab.write(List.of(Write.set(StorageArea.SESSION, "demo:d", "2")))
                .toCompletableFuture();
        connection.closed();

        new SyncConnection(session, sent::add)
                .receive(HELLO.replace("\"tab\":\"t1\"", "\"tab\":\"t1\",\"tabApplied\":1"));

        assertThat(draft).isCompleted();
    }

    @Test
    void aSessionStorageChangeFromTheBrowserReachesItsTab() {
        connection.receive(HELLO);

        connection.receive("{\"t\":\"change\",\"area\":\"session\",\"key\":\"demo:d\",\"value\":\"3\"}");

        assertThat(connection.tab().orElseThrow().readText(StorageArea.SESSION, "demo:d"))
                .contains("3");
        assertThat(session.entries(StorageArea.SESSION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"a b\"", "\"x/y\"", "42"})
    void aMalformedTabIdIsAViolation(String tabId) {
        assertThatThrownBy(() -> connection.receive(HELLO.replace("\"t1\"", tabId)))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.closeCode()).isNotZero());
        assertThat(session.isHydrated()).isFalse();
    }

    @Test
    void aBrowserWhoseTabsAreAllConnectedCannotOpenOneMoreThanTheLimit() {
        Browser small = Browser.builder("b2", "demo")
                .limits(new StorageLimits(1000, 1000, 10, 2))
                .build();
        new SyncConnection(small, sent::add).receive(HELLO);
        new SyncConnection(small, sent::add).receive(HELLO.replace("t1", "t2"));

        assertThatThrownBy(() -> new SyncConnection(small, sent::add).receive(HELLO.replace("t1", "t3")))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.closeCode()).isNotZero())
                .hasMessageContaining("2 connected tabs");
    }

    // ---------------------------------------------------------------- batches written in the same moment

    @Test
    void batchesWrittenInTheSameMomentGoOutInOneFrameInIdOrder() {
        List<Runnable> scheduled = new ArrayList<>();
        SyncConnection coalescing = new SyncConnection(session, sent::add, scheduled::add);
        coalescing.receive(HELLO);
        sent.clear();

        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")));
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2")));
        coalescing.tab().orElseThrow().write(List.of(Write.set(StorageArea.SESSION, "demo:c", "3")));

        assertThat(sent).as("nothing before the flush").isEmpty();
        assertThat(scheduled).as("one flush for the moment").hasSize(1);
        scheduled.get(0).run();
        assertThat(sent)
                .map(SyncConnectionTest::withoutTokens)
                .containsExactly(
                        "{\"t\":\"batches\",\"batches\":["
                                + "{\"t\":\"batch\",\"id\":1,\"writes\":[{\"area\":\"local\",\"key\":\"demo:a\",\"value\":\"1\"}]},"
                                + "{\"t\":\"batch\",\"id\":2,\"writes\":[{\"area\":\"local\",\"key\":\"demo:b\",\"value\":\"2\"}]},"
                                + "{\"t\":\"batch\",\"id\":1,\"tab\":true,\"writes\":[{\"area\":\"session\",\"key\":\"demo:c\",\"value\":\"3\"}]}]}");

        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:d", "4")));
        scheduled.get(1).run();
        assertThat(sent)
                .as("a batch alone is a plain batch frame")
                .last()
                .asString()
                .startsWith("{\"t\":\"batch\",\"id\":3");
    }

    @Test
    void aLargeMomentIsSentWithoutWaitingForTheFlush() {
        List<Runnable> scheduled = new ArrayList<>();
        SyncConnection coalescing = new SyncConnection(session, sent::add, scheduled::add);
        coalescing.receive(HELLO);
        sent.clear();
        String big = "x".repeat(200_000);

        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", big)));
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", big)));

        assertThat(sent).hasSize(1).first().asString().startsWith("{\"t\":\"batches\"");
        scheduled.forEach(Runnable::run);
        assertThat(sent).as("the scheduled flush finds nothing left").hasSize(1);
    }

    // ---------------------------------------------------------------- batch tokens (issue #5)

    @Test
    void everyBatchFrameCarriesItsTokenAndARenumberedBatchKeepsIt() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")));
        String token = session.link().pendingBatches().get(0).token();

        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":41"));

        assertThat(sent.get(1))
                .as("renumbered after the browser's count, under the same token")
                .isEqualTo("{\"t\":\"batch\",\"id\":42,\"token\":\"" + token
                        + "\",\"writes\":[{\"area\":\"local\",\"key\":\"demo:a\",\"value\":\"1\"}]}");
        Tab tab = connection.tab().orElseThrow();
        tab.write(List.of(Write.set(StorageArea.SESSION, "demo:d", "2")));
        assertThat(sent.get(2))
                .startsWith("{\"t\":\"batch\",\"id\":1,\"tab\":true,\"token\":\""
                        + tab.link().pendingBatches().get(0).token() + "\",");
    }

    @Test
    void aHelloAcknowledgingALostAckKeepsWhatItsSnapshotShowsNotTheBatchsValue() {
        // Batch 1 set the theme; the browser applied it, its ack was lost, and the user picked "blue"
        // (or the page applied it from its HTML and the user edited before the socket delivered it).
        CompletableFuture<Void> write = session.write(List.of(
                        Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"dark\""),
                        Write.setCookie(
                                "lang",
                                "de",
                                dev.browserstorage.cookie.CookieOptions.builder()
                                        .build())))
                .toCompletableFuture();
        List<String> seen = new ArrayList<>();
        session.addListener(StorageArea.LOCAL, "demo:prefs.theme", change -> seen.add(change.newValue()));

        connection.receive(HELLO.replace("\"applied\":0", "\"applied\":1").replace("\\\"dark\\\"", "\\\"blue\\\""));

        assertThat(write).isCompleted();
        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"blue\"");
        assertThat(seen).as("the server's listeners hear of the user's value").endsWith("\"blue\"");
        assertThat(session.readText(StorageArea.COOKIE, "lang"))
                .as("cookie writes are confirmed by the count, as before: a page does not see every cookie")
                .contains("de");
    }

    /** A frame with its batches' random tokens taken out, to compare with a fixed text. */
    static String withoutTokens(String frame) {
        return frame.replaceAll(",\"token\":\"[0-9a-z]{10}\"", "");
    }
}
