package dev.browserstorage.quarkus.deployment.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.untyped.BrowserCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The glue's parts follow the application: in an application with no stores, a class of its own
 * that injects {@code BrowserCookies} brings the cookie road in, and {@code
 * quarkus.browser-storage.glue.binding=true} brings form binding in although there is no store to
 * bind (GluePartsTest has the same application without either: the core alone).
 */
class GlueAutoPartsTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CookieUser.class, Eventually.class))
            .overrideConfigKey("quarkus.browser-storage.app-id", "demo")
            .overrideConfigKey("quarkus.browser-storage.glue.binding", "true")
            .overrideConfigKey("quarkus.http.test-port", "0");

    /** The application's own use of the untyped cookie API. */
    @ApplicationScoped
    static class CookieUser {
        @Inject
        BrowserCookies cookies;
    }

    @TestHTTPResource("/_storage/storage.js")
    URL glue;

    @Test
    void aUserOfBrowserCookiesBringsTheCookieRoadAndBindingCanBeAskedFor() throws Exception {
        String served = Eventually.fetch(glue);

        // The glue is served minified: its parts are known by their messages.
        assertThat(served).contains("cookies.js needs storage.js before it");
        assertThat(served)
                .contains("binding.js needs storage.js before it")
                .contains("BrowserStorage.define({\"formatVersion\":1,\"stores\":[]});");
    }
}
