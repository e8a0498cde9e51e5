package dev.browserstorage.quarkus.deployment.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sync endpoint's abuse limits at their boundaries, over real WebSockets: connections per
 * browser id, frames per second, and the size of one frame. (Pending writes per browser are bounded
 * in {@code BrowserTest}, unsent frames in {@code SyncEndpointTest}; the exact refill of the
 * rate in {@code MessageRateTest}.)
 */
class AbuseLimitsTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final int BURST = 20;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test", Prefs.class, PrefsStore.class, jar -> jar.addClasses(Credentials.class, SyncClient.class))
            .overrideConfigKey("quarkus.browser-storage.max-connections-per-browser", "3")
            .overrideConfigKey("quarkus.browser-storage.max-messages-per-second", "1")
            .overrideConfigKey("quarkus.browser-storage.max-message-burst", String.valueOf(BURST))
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
}
