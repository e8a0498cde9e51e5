package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application with no stores and no use of {@code BrowserCookies} gets the glue's core alone: no
 * cookie road, no form binding. The core still syncs localStorage, and a cookie write that has to go
 * over the socket fails with an error that names the setting to turn the road on.
 */
class GluePartsTest {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>core</title>
            <script>
              window.hellos = [];
              var realSend = WebSocket.prototype.send;
              WebSocket.prototype.send = function (text) {
                if (JSON.parse(text).t === 'hello') hellos.push(JSON.parse(text));
                return realSend.call(this, text);
              };
            </script>
            <script src="/_storage/storage.js" data-app="demo"></script>
            <script>
              window.ready = false;
              document.addEventListener('browser-storage:ready', function () { ready = true; });
            </script>
            </head><body></body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Credentials.class, Eventually.class)
                    .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html"))
            .overrideConfigKey("quarkus.browser-storage.app-id", "demo")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/index.html")
    URL index;

    @TestHTTPResource("/_storage/storage.js")
    URL glue;

    @Inject
    Browsers browsers;

    @Test
    void theServedGlueIsTheCoreAlone() throws Exception {
        String served = Eventually.fetch(glue);

        // The glue is served minified: the core and its parts are known by their messages.
        assertThat(served).contains("BrowserStorage is not started");
        assertThat(served)
                .doesNotContain("cookies.js needs storage.js before it")
                .doesNotContain("binding.js needs storage.js before it")
                .doesNotContain("BrowserStorage.define(");
    }

    @Test
    void theCoreSyncsStorageAndRefusesSocketCookieWritesNamingTheSetting() throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage(index);
            waitUntil(() -> Boolean.TRUE.equals(js(page, "ready")));
            Browser session = browsers.find(Credentials.id(browser.getCookieManager()
                            .getCookie(Credentials.COOKIE)
                            .getValue()))
                    .orElseThrow();

            assertThat(js(page, "'cookies' in hellos[0]"))
                    .as("no cookie baseline without the cookie road")
                    .isEqualTo(false);
            session.write(List.of(Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"dark\"")))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isEqualTo("\"dark\"");

            assertThatThrownBy(() -> session.write(List.of(Write.setCookie(
                                    "ui_lang", "de", CookieOptions.builder().build())))
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("quarkus.browser-storage.glue.cookies=true");
            assertThat(js(page, "document.cookie")).asString().doesNotContain("ui_lang");
            assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"dark\"");
        }
    }

    private static Object js(HtmlPage page, String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }
}
