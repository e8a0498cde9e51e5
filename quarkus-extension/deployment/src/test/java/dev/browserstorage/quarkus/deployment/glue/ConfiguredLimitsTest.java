package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.BrowserTest;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.ScriptErrors;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The page checks the limits the server was started with, not the defaults the processor knew
 * (issue #15): with {@code quarkus.browser-storage.max-value-bytes=64}, a bound field and a typed
 * store refuse a value of 65 bytes, which the server refuses too, and store one of 64.
 */
class ConfiguredLimitsTest extends BrowserTest {
    private static final int LIMIT = 64;
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>limits</title>
            <script src="/_storage/storage.js" data-app="test"></script>
            <script src="/_storage/stores.global.js"></script>
            <script>
              window.ready = false;
              document.addEventListener('browser-storage:ready', function () { ready = true; });
            </script>
            </head><body>
            <input id="theme" data-storage="prefs.theme">
            </body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test",
                    jar -> jar.addClasses(Credentials.class, Eventually.class, ScriptErrors.class, BrowserTest.class)
                            .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html"))
            .overrideConfigKey("quarkus.browser-storage.max-value-bytes", String.valueOf(LIMIT));

    @TestHTTPResource("/index.html")
    URL index;

    @TestHTTPResource("/_storage/stores.json")
    URL stores;

    @Inject
    Browsers browsers;

    /** A theme whose stored JSON text (with its quotes) is {@code bytes} long. */
    private static String theme(int bytes) {
        return "d".repeat(bytes - 2);
    }

    @Test
    void aBoundFieldRefusesAValueOverTheConfiguredLimitAsTheServerDoes() throws Exception {
        HtmlPage page = open();
        Browser session = session();

        edit(page, theme(LIMIT + 1));

        HtmlInput field = page.getHtmlElementById("theme");
        assertThat(field.getAttribute("data-storage-invalid"))
                .isEqualTo("is " + (LIMIT + 1) + " bytes, over the limit of " + LIMIT);
        assertThat(js(page, "localStorage.getItem('test:prefs.theme')")).isNull();
        assertThatThrownBy(() -> session.write(
                        List.of(Write.set(StorageArea.LOCAL, "test:prefs.theme", "\"" + theme(LIMIT + 1) + "\""))))
                .as("the server refuses the same value")
                .isInstanceOf(QuotaExceededException.class)
                .hasMessageContaining("over the limit of " + LIMIT);

        edit(page, theme(LIMIT));

        assertThat(field.getAttribute("data-storage-invalid")).isEmpty();
        waitUntil(() -> session.readText(StorageArea.LOCAL, "test:prefs.theme")
                .filter(("\"" + theme(LIMIT) + "\"")::equals)
                .isPresent());
    }

    @Test
    void aTypedStoreRefusesAValueOverTheConfiguredLimit() throws Exception {
        HtmlPage page = open();

        assertThat(js(
                        page,
                        "(function () { try { BrowserStorage.stores.prefs.theme = '" + theme(LIMIT + 1)
                                + "'; return 'stored'; } catch (e) { return e.name + ': ' + e.message; } })()"))
                .isEqualTo("QuotaExceededError: prefs.theme: the value is " + (LIMIT + 1)
                        + " bytes in UTF-8, over the limit of " + LIMIT + " for one value; nothing was written");
        assertThat(js(page, "localStorage.getItem('test:prefs.theme')")).isNull();

        page.executeJavaScript("BrowserStorage.stores.prefs.theme = '" + theme(LIMIT) + "'");
        assertThat(js(page, "localStorage.getItem('test:prefs.theme')")).isEqualTo("\"" + theme(LIMIT) + "\"");
    }

    @Test
    void theServedSchemasCarryTheConfiguredLimits() throws Exception {
        assertThat(Eventually.fetch(stores))
                .contains("\"name\":\"prefs\"")
                .contains("\"limits\":{\"maxValueBytes\":" + LIMIT + ",")
                .doesNotContain("\"maxValueBytes\":1048576");
    }

    private HtmlPage open() throws Exception {
        HtmlPage page = browser.getPage(index);
        waitUntil(() -> Boolean.TRUE.equals(js(page, "ready")));
        return page;
    }

    /** The server's copy of this test's browser, by its id cookie. */
    private Browser session() {
        String id = browser.getCookieManager().getCookie(Credentials.COOKIE).getValue();
        return browsers.find(Credentials.id(id)).orElseThrow();
    }

    /** The user types a theme and leaves the field. */
    private static void edit(HtmlPage page, String theme) {
        page.executeJavaScript("const field = document.getElementById('theme'); field.value = '" + theme
                + "'; field.dispatchEvent(new Event('change', { bubbles: true }));");
    }

    private static Object js(HtmlPage page, String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }
}
