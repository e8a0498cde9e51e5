package dev.browserstorage.quarkus.deployment.cookies;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.BrowserTest;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.ScriptErrors;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.quarkus.deployment.testing.UiCookiesStore;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A form field bound to a field of a {@code @Cookie} store ({@code data-storage="uiCookies.lang"},
 * the store named as its bean is): it shows the cookie's value decoded, or the default; an edit
 * writes the cookie with the store's attributes, encoded as the server encodes it, and reaches the
 * server's typed store; a server write shows in the field. HtmlUnit, so the document.cookie road.
 */
class CookieFieldsTest extends BrowserTest {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>cookie fields</title>
            <script src="/_storage/storage.js" data-app="demo"></script>
            <script>
              window.ready = false;
              window.changes = [];
              document.addEventListener('browser-storage:ready', function () { ready = true; });
              BrowserStorage.onChange(function (c) { if (c.area === 'cookie') changes.push(c.source + ' ' + c.key); });
            </script>
            </head><body>
            <input id="lang" type="text" data-storage="uiCookies.lang">
            </body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "demo",
            jar -> jar.addClasses(Credentials.class, Eventually.class, ScriptErrors.class, BrowserTest.class)
                    .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html")
                    .addAsResource(
                            new StringAsset("<!DOCTYPE html><html><body>seed</body></html>"),
                            "META-INF/resources/seed.html"));

    @TestHTTPResource("/index.html")
    URL index;

    @TestHTTPResource("/seed.html")
    URL seed;

    @Inject
    Browsers browsers;

    @Test
    void theFieldShowsTheCookieDecodedOrTheDefault() throws Exception {
        HtmlPage page = browser.getPage(index);
        assertThat(value(page)).as("no cookie: the store's default").isEqualTo("en");
        // Not left while its socket opens: HtmlUnit's WebSocket.send then throws from another
        // thread's close, past any catch in the page (browsers drop the frame).
        awaitReady(page);

        HtmlPage seedPage = browser.getPage(seed);
        seedPage.executeJavaScript("document.cookie = 'ui_lang=pt%20BR; Path=/'");
        page = browser.getPage(index);
        assertThat(value(page)).isEqualTo("pt BR");
        awaitReady(page);
        assertThat(page.executeJavaScript("BrowserStorage.value('uiCookies.lang')")
                        .getJavaScriptResult())
                .isEqualTo("pt BR");
    }

    @Test
    void anEditWritesTheCookieEncodedAndTheServersTypedStoreReadsIt() throws Exception {
        HtmlPage page = open();
        Browser session = session();

        HtmlInput field = page.getHtmlElementById("lang");
        field.setValue("fr; \"CA\"");
        field.fireEvent("change");

        assertThat((String) page.executeJavaScript("document.cookie").getJavaScriptResult())
                .contains("ui_lang=fr%3B%20%22CA%22");
        waitUntil(() -> "fr; \"CA\"".equals(new UiCookiesStore(session).getLang()));
        assertThat(page.executeJavaScript("changes.join(',')").getJavaScriptResult())
                .as("the page heard of the edit once, from the field")
                .isEqualTo("field ui_lang");
        assertThat(browser.getCookieManager().getCookie("ui_lang").getPath()).isEqualTo("/");
    }

    @Test
    void aServerWriteShowsInTheField() throws Exception {
        HtmlPage page = open();

        new UiCookiesStore(session()).setLang("es").toCompletableFuture().get(10, TimeUnit.SECONDS);

        waitUntil(() -> "es".equals(value(page)));
    }

    private HtmlPage open() throws Exception {
        HtmlPage page = browser.getPage(index);
        awaitReady(page);
        return page;
    }

    private static void awaitReady(HtmlPage page) throws InterruptedException {
        waitUntil(
                () -> Boolean.TRUE.equals(page.executeJavaScript("ready").getJavaScriptResult()),
                () -> "the glue is "
                        + page.executeJavaScript("BrowserStorage.state()").getJavaScriptResult());
    }

    private Browser session() {
        return browsers.find(Credentials.id(
                        browser.getCookieManager().getCookie(Credentials.COOKIE).getValue()))
                .orElseThrow();
    }

    private static String value(HtmlPage page) {
        return (String)
                page.executeJavaScript("document.getElementById('lang').value").getJavaScriptResult();
    }
}
