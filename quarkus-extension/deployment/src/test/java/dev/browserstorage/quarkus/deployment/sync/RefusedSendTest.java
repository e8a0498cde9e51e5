package dev.browserstorage.quarkus.deployment.sync;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.BrowserTest;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.ScriptErrors;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A socket that refuses a frame: an engine throws from {@code send} on a socket closing under the
 * page before its close event has run (HtmlUnit does; browsers do while it still connects). The
 * glue must not throw into the page's code (here the field's change handler), and nothing the frame
 * said may be lost: the glue closes that socket, says hello again, and the hello's snapshot brings
 * the edit to the server. The page's own WebSocket stands in for the engine's refusal, once, for the
 * first change frame; everything else is the real glue against the real server.
 */
class RefusedSendTest extends BrowserTest {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>refused send</title>
            <script>
              window.refuse = false;
              window.refused = 0;
              window.readies = 0;
              const Engine = WebSocket;
              window.WebSocket = function (url) {
                const ws = new Engine(url);
                const send = ws.send;
                ws.send = function (data) {
                  if (refuse && JSON.parse(data).t === 'change') {
                    refuse = false;
                    refused++;
                    throw new Error('InvalidStateError: the socket is closing');
                  }
                  return send.call(ws, data);
                };
                return ws;
              };
              document.addEventListener('browser-storage:ready', function () { readies++; });
            </script>
            <script src="/_storage/storage.js" data-app="test"></script>
            </head><body>
            <input id="theme" data-storage="prefs.theme">
            </body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "test",
            jar -> jar.addClasses(Credentials.class, Eventually.class, ScriptErrors.class, BrowserTest.class)
                    .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html"));

    @TestHTTPResource("/index.html")
    URL index;

    @Inject
    Browsers browsers;

    @Test
    void anEditWhoseFrameIsRefusedReachesTheServerThroughTheNextHello() throws Exception {
        HtmlPage page = open();
        Browser session = session();

        page.executeJavaScript("refuse = true");
        edit(page, "dark");

        assertThat(js(page, "refused"))
                .as("the engine refused the change frame")
                .isEqualTo(1);
        assertThat(scriptErrors.all())
                .as("the refusal did not reach the page's code")
                .isEmpty();
        assertThat(js(page, "localStorage.getItem('test:prefs.theme')")).isEqualTo("\"dark\"");
        waitUntil(() -> js(page, "readies").equals(2));
        waitUntil(() -> "dark".equals(new PrefsStore(session).getTheme()));
    }

    @Test
    void anEditWhileThePageLeavesWaitsForTheNextPagesHello() throws Exception {
        HtmlPage page = open();
        Browser session = session();

        // The page leaves: its socket closes, the glue does not reconnect, and an edit made while the
        // page unloads stays in the browser's storage for the next page's hello.
        page.executeJavaScript("window.dispatchEvent(new Event('pagehide'))");
        edit(page, "sepia");
        assertThat(scriptErrors.all()).isEmpty();
        assertThat(js(page, "localStorage.getItem('test:prefs.theme')")).isEqualTo("\"sepia\"");

        open();
        waitUntil(() -> "sepia".equals(new PrefsStore(session).getTheme()));
    }

    private HtmlPage open() throws Exception {
        HtmlPage page = browser.getPage(index);
        waitUntil(() -> js(page, "readies").equals(1));
        return page;
    }

    private Browser session() {
        return browsers.find(Credentials.id(
                        browser.getCookieManager().getCookie(Credentials.COOKIE).getValue()))
                .orElseThrow();
    }

    private static void edit(HtmlPage page, String theme) {
        HtmlInput field = page.getHtmlElementById("theme");
        field.setValue(theme);
        field.fireEvent("change");
    }

    private static Object js(HtmlPage page, String script) {
        Object result = page.executeJavaScript(script).getJavaScriptResult();
        return result instanceof Number n && n.doubleValue() == n.intValue() ? (Object) n.intValue() : result;
    }
}
