package dev.browserstorage.quarkus.deployment.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync endpoint's abuse limits at their boundaries, over real WebSockets: connections per
 * browser id, frames per second (answers the server asked for not counted: a page the server writes
 * to far faster than the rate stays connected, while answers nobody asked for, and answers given
 * twice, count as any other frame), and the size of one frame. (Pending writes per browser are bounded
 * in {@code BrowserTest}, unsent frames in {@code SyncEndpointTest}; the exact refill of the
 * rate in {@code MessageRateTest}, the ids an answer may be free for in {@code AnswerCreditsTest}.)
 */
class AbuseLimitsTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int BURST = 20;
    private static final int WRITES = 5000;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test", Prefs.class, PrefsStore.class, jar -> jar.addClasses(Credentials.class, SyncClient.class))
            .overrideConfigKey("quarkus.browser-storage.max-connections-per-browser", "3")
            .overrideConfigKey("quarkus.browser-storage.max-messages-per-second", "1")
            .overrideConfigKey("quarkus.browser-storage.max-message-burst", String.valueOf(BURST))
            .overrideConfigKey("quarkus.browser-storage.max-pending-writes", String.valueOf(WRITES))
            .overrideConfigKey("quarkus.websockets-next.server.max-message-size", String.valueOf(MAX_FRAME))
            // A client's fault is no server error: none may reach the log.
            .setLogRecordPredicate(record -> record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
            .assertLogRecords(records -> assertThat(records)
                    .extracting(java.util.logging.LogRecord::getMessage)
                    .isEmpty());

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    Browsers browsers;

    private static JsonObject hello() {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", new JsonObject())
                .put("cookies", "")
                .put("applied", 0);
    }

    @Test
    void aBrowserMayHoldAsManyConnectionsAsAllowedAndTheNextIsClosedWith4409() throws Exception {
        String browserId = Credentials.issue(base);
        List<SyncClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                SyncClient tab = SyncClient.connect(vertx, base, browserId, null);
                open.add(tab);
                tab.send(hello());
                assertThat(tab.next().getString("t"))
                        .as("connection %d of 3", i + 1)
                        .isEqualTo("welcome");
            }

            try (SyncClient fourth = SyncClient.connect(vertx, base, browserId, null)) {
                CompletableFuture<Short> closed = fourth.closed();
                JsonObject error = fourth.next();
                assertThat(error.getString("t")).isEqualTo("error");
                assertThat(error.getString("code")).isEqualTo("too-many-connections");
                assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4409);
            }
            try (SyncClient otherBrowser = SyncClient.connect(vertx, base, "OTHERxxxxxxxxxxxxxxxxx", null)) {
                otherBrowser.send(hello());
                assertThat(otherBrowser.next().getString("t"))
                        .as("another browser is not counted")
                        .isEqualTo("welcome");
            }

            open.remove(0).close();
            // The close reaches the server a moment later: a new connection is admitted once it has.
            JsonObject first = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try (SyncClient again = SyncClient.connect(vertx, base, browserId, null)) {
                    again.send(hello());
                    first = again.next();
                    if ("welcome".equals(first.getString("t"))) {
                        break;
                    }
                }
                Thread.sleep(100);
            }
            assertThat(first.getString("t")).as("a freed place is taken again").isEqualTo("welcome");
        } finally {
            for (SyncClient tab : open) {
                tab.close();
            }
        }
    }

    @Test
    void aConnectionSendingFasterThanItsRateIsClosedWith4429AfterItsBurst() throws Exception {
        try (SyncClient flood = SyncClient.connect(vertx, base, "FLOODxxxxxxxxxxxxxxxxx", null)) {
            CompletableFuture<Short> closed = flood.closed();
            flood.send(hello());
            for (int i = 1; i < 2 * BURST; i++) {
                flood.send(new JsonObject().put("t", "ping"));
            }

            assertThat(flood.next().getString("t")).isEqualTo("welcome");
            int handled = 1;
            JsonObject frame = flood.next();
            while (!"rate".equals(frame.getString("code"))) {
                assertThat(frame.getString("code")).isEqualTo("bad-frame");
                handled++;
                frame = flood.next();
            }
            // The burst goes through whole; at 1 frame per second, sending 40 frames takes no
            // more than a few seconds, so only a few more could have been refilled.
            assertThat(handled)
                    .as("frames handled before the rate error")
                    .isGreaterThanOrEqualTo(BURST)
                    .isLessThan(2 * BURST);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4429);
        }
    }

    @Test
    void aFrameOfTheMaximumSizeIsHandledAndOneByteMoreClosesWith1009() throws Exception {
        try (SyncClient browser = SyncClient.connect(vertx, base, "SIZExxxxxxxxxxxxxxxxxx", null)) {
            browser.send(hello());
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            String head = "{\"t\":\"padding\",\"p\":\"";
            String tail = "\"}";

            browser.socket.writeTextMessage(head + "x".repeat(MAX_FRAME - head.length() - tail.length()) + tail);
            assertThat(browser.next().getString("code"))
                    .as("the largest frame reaches the protocol")
                    .isEqualTo("bad-frame");

            // Found by this test: websockets-next logged this as an unhandled error and
            // closed with 1011, where the protocol promises 1009.
            CompletableFuture<Short> closed = browser.closed();
            browser.socket.writeTextMessage(head + "x".repeat(MAX_FRAME + 1 - head.length() - tail.length()) + tail);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1009);
        }
    }

    private static JsonObject ack(long id) {
        return new JsonObject().put("t", "ack").put("id", id);
    }

    /** The batches of a {@code batch} or {@code batches} frame. */
    private static List<JsonObject> batches(JsonObject frame) {
        List<JsonObject> batches = new ArrayList<>();
        if ("batch".equals(frame.getString("t"))) {
            batches.add(frame);
        } else if ("batches".equals(frame.getString("t"))) {
            JsonArray list = frame.getJsonArray("batches");
            for (int i = 0; i < list.size(); i++) {
                batches.add(list.getJsonObject(i));
            }
        }
        return batches;
    }

    /** Connects a new browser and waits for its welcome. */
    private SyncClient welcomed(String credential) throws Exception {
        SyncClient browser = SyncClient.connect(vertx, base, credential, null);
        browser.send(hello());
        assertThat(browser.next().getString("t")).isEqualTo("welcome");
        return browser;
    }

    /**
     * Sends frames the protocol does not know until the connection is closed for its rate.
     *
     * @return how many were refused one by one ({@code bad-frame}) before the {@code rate} error
     */
    private static int badFramesUntilRate(SyncClient browser) throws Exception {
        for (int i = 0; i < 2 * BURST; i++) {
            browser.send(new JsonObject().put("t", "ping"));
        }
        int handled = 0;
        JsonObject frame = browser.next();
        while (!"rate".equals(frame.getString("code"))) {
            assertThat(frame.getString("code")).isEqualTo("bad-frame");
            handled++;
            frame = browser.next();
        }
        return handled;
    }

    @Test
    void aPageTheServerWritesToThousandsOfTimesASecondStaysConnectedAndAcksEveryWrite() throws Exception {
        String credential = Credentials.issue(base);
        try (SyncClient browser = welcomed(credential)) {
            CompletableFuture<Short> closed = browser.closed();
            AtomicLong acked = new AtomicLong();
            // Answers each batch as the glue does, on the socket's thread, as soon as it arrives.
            browser.socket.textMessageHandler(text -> {
                JsonObject frame = new JsonObject(text);
                List<JsonObject> batches = batches(frame);
                if (batches.isEmpty()) {
                    browser.frames.add(frame);
                }
                for (JsonObject batch : batches) {
                    browser.socket.writeTextMessage(ack(batch.getLong("id")).encode());
                    acked.incrementAndGet();
                }
            });
            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();

            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < WRITES; i++) {
                writes.add(session.write(List.of(Write.set(StorageArea.LOCAL, "test:n", String.valueOf(i))))
                        .toCompletableFuture());
            }

            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(acked.get()).isEqualTo(WRITES);
            assertThat(closed).as("the connection is open").isNotDone();
            assertThat(browser.frames).as("no error frame").isEmpty();
            assertThat(session.pendingBatchIds()).isEmpty();

            // Its answers took nothing from the rate: a whole burst of other frames is still allowed.
            assertThat(badFramesUntilRate(browser)).isGreaterThanOrEqualTo(BURST - 1);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4429);
        }
    }

    @Test
    void acksNobodyAskedForAreTakenFromTheRateAndCloseWith4429() throws Exception {
        try (SyncClient browser = welcomed(Credentials.issue(base))) {
            CompletableFuture<Short> closed = browser.closed();
            for (int i = 1; i <= 2 * BURST; i++) {
                browser.send(ack(i));
            }
            JsonObject error = browser.next();
            assertThat(error.getString("code")).isEqualTo("rate");
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4429);
        }
    }

    @Test
    void onlyTheBatchesSentEarnACreditAndEachOnlyOnce() throws Exception {
        String credential = Credentials.issue(base);
        try (SyncClient browser = welcomed(credential)) {
            CompletableFuture<Short> closed = browser.closed();
            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            int sent = 5;
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                writes.add(session.write(List.of(Write.set(StorageArea.LOCAL, "test:n", String.valueOf(i))))
                        .toCompletableFuture());
            }
            List<Long> ids = new ArrayList<>();
            while (ids.size() < sent) {
                batches(browser.next()).forEach(batch -> ids.add(batch.getLong("id")));
            }
            long last = ids.get(sent - 1);

            // Acks of ids never sent: each takes a token.
            for (int i = 1; i <= sent; i++) {
                browser.send(ack(last + i));
            }
            // The acks asked for: free.
            ids.forEach(id -> browser.send(ack(id)));
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            // The same acks again: answered already, so each takes a token.
            ids.forEach(id -> browser.send(ack(id)));

            // The hello and the 2 x 5 acks not asked for took 11 of the burst's 20 tokens; the rate
            // adds 1 a second, so a slow machine may see a few more.
            int unasked = 1 + 2 * sent;
            assertThat(badFramesUntilRate(browser))
                    .as("frames handled after the acks")
                    .isGreaterThanOrEqualTo(BURST - unasked)
                    .isLessThan(BURST - sent);
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4429);
        }
    }
}
