package dev.browserstorage.quarkus.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.quarkus.AllowCrossOrigin;
import dev.browserstorage.quarkus.BrowserIdentity;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The application's own WebSocket endpoints that resolve a browser get the sync socket's Origin
 * check: a page of another site cannot open them with the user's cookies and read the user's
 * storage. One that reaches a store through another bean is checked when it resolves the browser;
 * {@code @AllowCrossOrigin} opts an endpoint out; endpoints that never touch a browser are left alone.
 */
class AppSocketOriginTest {
    private static final String FOREIGN = "https://evil.example";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "test",
            jar -> jar.addClasses(
                    SyncClient.class,
                    ThemeSocket.class,
                    OpenSocket.class,
                    IndirectSocket.class,
                    Who.class,
                    PlainSocket.class));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Test
    void anEndpointInjectingAStoreRefusesAForeignOriginAndServesItsOwn() throws Exception {
        String credential = Credentials.issue(base);
        assertThatThrownBy(() -> SyncClient.connect(vertx, base, credential, FOREIGN, "/app/theme")
                        .close())
                .hasStackTraceContaining("403");
        assertThat(ask(credential, own(), "/app/theme"))
                .isEqualTo(new JsonObject().put("id", Credentials.id(credential)));
        assertThat(ask(credential, null, "/app/theme"))
                .as("no Origin: not a browser, which cannot carry a victim's cookies")
                .isEqualTo(new JsonObject().put("id", Credentials.id(credential)));
    }

    @Test
    void anEndpointReachingTheBrowserThroughAnotherBeanIsCheckedWhenItResolvesIt() throws Exception {
        String credential = Credentials.issue(base);
        JsonObject refused = ask(credential, FOREIGN, "/app/indirect");
        assertThat(refused.getString("error")).contains("origin " + FOREIGN).contains("@AllowCrossOrigin");
        assertThat(ask(credential, own(), "/app/indirect"))
                .isEqualTo(new JsonObject().put("id", Credentials.id(credential)));
    }

    @Test
    void anEndpointMarkedAllowCrossOriginServesAnyOrigin() throws Exception {
        String credential = Credentials.issue(base);
        assertThat(ask(credential, FOREIGN, "/app/open"))
                .isEqualTo(new JsonObject().put("id", Credentials.id(credential)));
    }

    @Test
    void anEndpointThatNeverResolvesABrowserIsLeftAlone() throws Exception {
        assertThat(ask(null, FOREIGN, "/app/plain")).isEqualTo(new JsonObject().put("echo", "hi"));
    }

    private String own() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    private JsonObject ask(String credential, String origin, String path) throws Exception {
        try (SyncClient client = SyncClient.connect(vertx, base, credential, origin, path)) {
            client.socket.writeTextMessage("hi");
            return client.next();
        }
    }

    /** Injects a store and the identity: checked at the handshake. */
    @WebSocket(path = "/app/theme")
    public static class ThemeSocket {
        @Inject
        PrefsStore prefs;

        @Inject
        BrowserIdentity identity;

        @OnTextMessage
        String onMessage(String message) {
            return new JsonObject().put("id", identity.id()).encode();
        }
    }

    /** Opted out: pages of any origin may use it with the browser's identity. */
    @AllowCrossOrigin
    @WebSocket(path = "/app/open")
    public static class OpenSocket {
        @Inject
        BrowserIdentity identity;

        @OnTextMessage
        String onMessage(String message) {
            return new JsonObject().put("id", identity.id()).encode();
        }
    }

    /** Reaches the browser through another bean, which the build does not see. */
    @WebSocket(path = "/app/indirect")
    public static class IndirectSocket {
        @Inject
        Who who;

        @OnTextMessage
        String onMessage(String message) {
            try {
                return new JsonObject().put("id", who.id()).encode();
            } catch (IllegalStateException e) {
                return new JsonObject().put("error", e.getMessage()).encode();
            }
        }
    }

    /** A service that resolves the browser of the call in progress. */
    @ApplicationScoped
    public static class Who {
        @Inject
        BrowserIdentity identity;

        String id() {
            return identity.id();
        }
    }

    /** Never touches a browser. */
    @WebSocket(path = "/app/plain")
    public static class PlainSocket {
        @OnTextMessage
        String onMessage(String message) {
            return new JsonObject().put("echo", message).encode();
        }
    }
}
