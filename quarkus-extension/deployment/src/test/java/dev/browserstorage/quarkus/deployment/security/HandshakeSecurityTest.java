package dev.browserstorage.quarkus.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sync handshake against cross-site use: origins that only look like the server's are refused
 * (cross-site WebSocket hijacking), an allowed extra origin is let in, and the browser-id cookie
 * cannot be read by script or sent by another site's requests.
 */
class HandshakeSecurityTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test", Prefs.class, PrefsStore.class, jar -> jar.addClasses(Credentials.class, SyncClient.class))
            .overrideConfigKey("quarkus.browser-storage.allowed-origins", "https://app.example.com");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "https://evil.example",
                "http://localhost.evil.example",
                "http://localhost:1",
                "https://localhost",
                "https://app.example.com.evil.example",
                "http://app.example.com",
                "file://"
            })
    void aHandshakeFromAnOriginThatIsNeitherTheServersNorAllowedIsRefused(String origin) {
        String own = "http://" + base.getHost() + ":" + base.getPort();
        assertThat(origin).isNotEqualToIgnoringCase(own);
        assertThatThrownBy(() -> SyncClient.connect(vertx, base, "SECURExxxxxxxxxxxxxxxx", origin))
                .hasStackTraceContaining("403");
    }

    @Test
    void anAllowedOriginIsLetIn() throws Exception {
        try (SyncClient browser =
                SyncClient.connect(vertx, base, "ALLOWEDxxxxxxxxxxxxxxx", "https://app.example.com")) {
            browser.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", "https://app.example.com/")
                    .put("local", new JsonObject())
                    .put("cookies", "")
                    .put("applied", 0));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
        }
    }

    @Test
    void theBrowserIdCookieIsHttpOnlySameSiteLaxForTheWholeSiteAndNotSecureOverPlainHttp() throws Exception {
        try (SyncClient browser = SyncClient.connect(vertx, base, null, null)) {
            String[] attributes = browser.setCookie.split(";\\s*");
            assertThat(attributes[0]).matches(Credentials.COOKIE + "=[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");
            assertThat(attributes)
                    .extracting(String::toLowerCase)
                    .contains("httponly", "samesite=lax", "path=/")
                    .doesNotContain("secure")
                    .noneMatch(attribute -> attribute.startsWith("domain="));
        }
    }
}
