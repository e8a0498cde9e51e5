package dev.browserstorage.quarkus.deployment.sync;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sync endpoint over a real WebSocket, against a real Quarkus server. */
class SyncEndpointTest {
    private String credential;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test",
                    Prefs.class,
                    PrefsStore.class,
                    jar -> jar.addClasses(Credentials.class, SyncClient.class, Eventually.class))
            .overrideConfigKey("quarkus.browser-storage.max-unsent-chars", "200000");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    private static JsonObject hello(JsonObject local) {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", local)
                .put("session", new JsonObject())
                .put("cookies", "")
                .put("applied", 0);
    }

    @Test
    void helloHydratesTheSessionAndAServerWriteCompletesOnTheAck() throws Exception {
        try (SyncClient browser = SyncClient.connect(vertx, base, credential = Credentials.issue(base), null)) {
            browser.send(hello(new JsonObject().put("test:prefs.theme", "\"dark\"")));
            JsonObject welcome = browser.next();
            assertThat(welcome.getString("t")).isEqualTo("welcome");
            assertThat(welcome.containsKey("browser"))
                    .as("the id is an HttpOnly cookie's value: no frame shows it to" + " the page's script")
                    .isFalse();

            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            PrefsStore prefs = new PrefsStore(session);
            assertThat(prefs.getTheme()).isEqualTo("dark");

            CompletableFuture<Void> done = prefs.setFontSize(18).toCompletableFuture();
            JsonObject batch = browser.next();
            assertThat(batch.getString("t")).isEqualTo("batch");
            assertThat(batch.getJsonArray("writes").getJsonObject(0).getMap())
                    .containsEntry("area", "local")
                    .containsEntry("key", "test:prefs.fontSize")
                    .containsEntry("value", "18");
            assertThat(done).isNotDone();

            browser.send(new JsonObject().put("t", "ack").put("id", batch.getLong("id")));
            done.get(10, TimeUnit.SECONDS);
            assertThat(session.pendingBatchIds()).isEmpty();
        }
    }

    @Test
    void aHelloOfSeveralMegabytesInOneFrameIsAccepted() throws Exception {
        // Browsers send a message as a single frame, whatever its length.
        JsonObject local = new JsonObject();
        for (int i = 0; i < 3; i++) {
            local.put("test:big" + i, "\"" + String.valueOf(i).repeat(900_000) + "\"");
        }
        try (SyncClient browser = SyncClient.connect(vertx, base, credential = Credentials.issue(base), null)) {
            browser.sendAsOneFrame(hello(local));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            assertThat(browsers.find(Credentials.id(credential)).orElseThrow().readText(StorageArea.LOCAL, "test:big2"))
                    .contains(local.getString("test:big2"));
        }
    }

    @Test
    void aBrowserThatDoesNotReadIsDisconnectedAndItsWritesWaitForItsReturn() throws Exception {
        String browserId = Credentials.issue(base);
        Browser session;
        try (SyncClient browser = SyncClient.connect(vertx, base, browserId, null)) {
            browser.send(hello(new JsonObject()));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            CompletableFuture<Short> closed = browser.closed();
            browser.stopReading();
            session = browsers.find(Credentials.id(browserId)).orElseThrow();

            for (int i = 0; i < 60 && !closed.isDone(); i++) {
                session.write(List.of(Write.set(StorageArea.LOCAL, "test:big", i + "x".repeat(500_000))));
            }

            // The close frame waits behind the unread ones: read again to see it.
            browser.startReading();
            assertThat(closed.get(10, TimeUnit.SECONDS))
                    .as("slow-consumer close code")
                    .isEqualTo((short) 4408);
        }
        waitUntil(() -> !session.isConnected());
        List<Long> pending = session.pendingBatchIds();
        assertThat(pending)
                .as("nothing acknowledged, nothing dropped")
                .isNotEmpty()
                .startsWith(1L);

        try (SyncClient back = SyncClient.connect(vertx, base, browserId, null)) {
            back.send(hello(new JsonObject()));
            assertThat(back.next().getString("t")).isEqualTo("welcome");
            JsonObject frame = back.next();
            JsonObject first = frame.getString("t").equals("batches")
                    ? frame.getJsonArray("batches").getJsonObject(0)
                    : frame;
            assertThat(first.getLong("id"))
                    .as("the writes are sent again, from the first")
                    .isEqualTo(1L);
        }
    }

    @Test
    void aChangeOutsideTheNamespaceGetsAnErrorAndTheConnectionStaysUsable() throws Exception {
        String browserId = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, browserId, null)) {
            browser.send(hello(new JsonObject()));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");

            browser.send(new JsonObject()
                    .put("t", "change")
                    .put("area", "local")
                    .put("key", "other:x")
                    .put("value", "1"));
            JsonObject error = browser.next();
            assertThat(error.getString("t")).isEqualTo("error");
            assertThat(error.getString("code")).isEqualTo("namespace");

            browser.send(new JsonObject()
                    .put("t", "change")
                    .put("area", "local")
                    .put("key", "test:prefs.theme")
                    .put("value", "\"blue\""));
            Browser session = browsers.find(Credentials.id(browserId)).orElseThrow();
            waitUntil(() ->
                    session.readText(StorageArea.LOCAL, "test:prefs.theme").isPresent());
            assertThat(new PrefsStore(session).getTheme()).isEqualTo("blue");
        }
    }

    @Test
    void aFrameBeforeHelloIsAProtocolViolation() throws Exception {
        try (SyncClient browser = SyncClient.connect(vertx, base, Credentials.issue(base), null)) {
            browser.send(new JsonObject().put("t", "ack").put("id", 1));
            JsonObject error = browser.next();
            assertThat(error.getString("code")).isEqualTo("protocol");
            waitUntil(() -> browser.socket.isClosed());
            assertThat(browser.socket.closeStatusCode()).isEqualTo((short) 4400);
        }
    }

    @Test
    void aHandshakeWithoutABrowserIdGetsOneAsACookieOnTheUpgradeResponse() throws Exception {
        try (SyncClient browser = SyncClient.connect(vertx, base, null, null)) {
            String setCookie = browser.setCookie;
            assertThat(setCookie)
                    .startsWith(Credentials.COOKIE + "=")
                    .containsIgnoringCase("HttpOnly")
                    .contains("SameSite=Lax");
            String id = Credentials.id(setCookie.substring(Credentials.COOKIE.length() + 1, setCookie.indexOf(';')));

            browser.send(hello(new JsonObject()));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            // The hello hydrated the session before the welcome was sent.
            assertThat(browsers.find(id))
                    .as("the socket's session is the cookie's")
                    .hasValueSatisfying(
                            session -> assertThat(session.isHydrated()).isTrue());
        }
    }

    @Test
    void aHandshakeFromAForeignOriginIsRefused() {
        assertThatThrownBy(() -> SyncClient.connect(vertx, base, Credentials.issue(base), "https://evil.example"))
                .hasStackTraceContaining("403");
    }

    @Test
    void aHandshakeFromTheServersOwnOriginIsAccepted() throws Exception {
        String own = "http://" + base.getHost() + ":" + base.getPort();
        try (SyncClient browser = SyncClient.connect(vertx, base, Credentials.issue(base), own)) {
            browser.send(hello(new JsonObject()).put("page", own + "/settings"));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
        }
    }

    @Test
    void aHelloWhosePageIsNotOfTheOriginThatOpenedTheSocketIsAProtocolViolation() throws Exception {
        String own = "http://" + base.getHost() + ":" + base.getPort();
        try (SyncClient browser = SyncClient.connect(vertx, base, Credentials.issue(base), own)) {
            var closed = browser.closed();
            browser.send(hello(new JsonObject()).put("page", "https://bank.example/"));
            JsonObject error = browser.next();
            assertThat(error.getString("code")).isEqualTo("protocol");
            assertThat(error.getString("message")).contains("origin");
            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4400);
        }
    }
}
