package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.htmlunit.HttpMethod;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/**
 * Which tab's sessionStorage a server call means, and injected stores inside the app's own
 * WebSocket: the browser of the socket, found through its handshake's cookies.
 */
@QuarkusTest
class TabsAndAppSocketsTest extends DemoAppTestBase {
    private static final String TAB_HEADER = "X-Browser-Storage-Tab";

    @Test
    void aCallReadsTheDraftOfTheTabItsHeaderNamesOrElseOfTheTabTheUserLastUsed() throws Exception {
        HtmlPage first = browser.openSettings();
        HtmlPage second = browser.openSettings();
        String firstTab = (String) browser.js(first, "BrowserStorage.tabId()");
        String secondTab = (String) browser.js(second, "BrowserStorage.tabId()");
        assertThat(firstTab).isNotEqualTo(secondTab);

        first.<HtmlTextArea>getHtmlElementById("draft-body").type("first tab's draft");
        browser.waitUntil(
                "the first tab reports the draft saved",
                () -> "Draft saved".equals(browser.js(first, "document.getElementById('status').textContent")));
        // The bound field's change frame follows the local write once the typing pauses.
        browser.waitUntil(
                "the server reads the first tab's draft",
                () -> "first tab's draft"
                        .equals(draft(Map.of(TAB_HEADER, firstTab))
                                .json()
                                .get("body")
                                .asText()));

        assertThat(draft(Map.of(TAB_HEADER, secondTab)).json().get("body").asText())
                .isEmpty();
        assertThat(browser.cookie("__bs_tab").getValue())
                .as("typing claimed the first tab")
                .isEqualTo(firstTab);
        assertThat(draft(Map.of()).json().get("body").asText()).isEqualTo("first tab's draft");
    }

    @Test
    void aCallThatNamesNoTabCannotReadSessionStorageAndIsToldHowToNameOne() {
        DemoBrowser.Answer answer = draft(Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.json().get("message").asText()).contains(TAB_HEADER);
    }

    @Test
    void anInjectedStoreInTheAppsOwnSocketServesTheBrowserThatOpenedIt() throws Exception {
        browser.openSettings();
        Vertx vertx = Vertx.vertx();
        try {
            LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(base.getHost())
                    .setPort(base.getPort())
                    .setURI("/api/theme-socket")
                    .addHeader("Cookie", "bs_id=" + browser.credential());
            WebSocket socket = vertx.createWebSocketClient()
                    .connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(answers::add);

            socket.writeTextMessage("theme");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("LIGHT");
            socket.writeTextMessage("DARK");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("stored DARK");
            assertThat(browser.localStorage()).containsEntry(THEME, "\"DARK\"");
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            CompletableFuture<Void> closed = vertx.close().toCompletionStage().toCompletableFuture();
            closed.get(10, TimeUnit.SECONDS);
        }
    }

    private DemoBrowser.Answer draft(Map<String, String> headers) {
        return browser.call(HttpMethod.GET, "api/draft", null, headers);
    }
}
