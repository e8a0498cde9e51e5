package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/**
 * A browser whose page closes, reopens, restarts or has several tabs: server writes wait for it,
 * reach it once, and reach the right tab.
 */
@QuarkusTest
class ReconnectsAndTabsTest extends DemoAppTestBase {

    @Test
    void aServerWriteWhileThePageIsClosedIsDeliveredOnceWhenItReopens() throws Exception {
        HtmlPage page = browser.openSettings();
        Browser session = session();
        long appliedBefore = Long.parseLong(browser.localStorage().getOrDefault(APPLIED, "0"));

        browser.close(page);
        browser.waitUntil("the server sees the page's socket close", () -> !session.isConnected());
        CompletableFuture<Void> written =
                new PreferencesStore(session).setTheme(Theme.SYSTEM).toCompletableFuture();
        DemoBrowser.sleep(300);
        assertThat(written).as("no browser has stored it yet").isNotDone();
        assertThat(browser.localStorage()).doesNotContainKey(THEME);

        HtmlPage reopened = browser.openSettings();

        written.get(DemoBrowser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        browser.waitUntil(
                "the reopened page applies the batch", () -> browser.isTrue(reopened, "window.__batches >= 1"));
        browser.settle();
        assertThat(browser.localStorage()).containsEntry(THEME, "\"SYSTEM\"");
        assertThat(browser.js(reopened, "window.__batches")).as("applied once").isEqualTo(1);
        assertThat(Long.parseLong(browser.localStorage().get(APPLIED))).isEqualTo(appliedBefore + 1);
        assertThat(session.pendingBatchIds()).isEmpty();
        assertThat(browser.js(reopened, "document.body.className")).isEqualTo("theme-system");
    }

    @Test
    void aPostWhileThePageIsClosedIsReadBackAtOnceAndAnsweredWhenThePageReconnects() throws Exception {
        HtmlPage page = browser.openSettings();
        String cookie = "bs_id=" + browser.credential();
        Browser session = session();
        browser.close(page);
        browser.waitUntil("the server sees the page's socket close", () -> !session.isConnected());
        // Another HTTP client of the same browser (its cookie), so the POST can wait while the
        // test reopens the page.
        HttpClient http = HttpClient.newHttpClient();
        URI prefs = browser.url("api/prefs").toURI();

        CompletableFuture<HttpResponse<String>> post = http.sendAsync(
                HttpRequest.newBuilder(prefs)
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"fontSize\":22}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        browser.waitUntil(
                "the server accepts the write", () -> !session.pendingBatchIds().isEmpty());
        HttpResponse<String> read = http.send(
                HttpRequest.newBuilder(prefs).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        DemoBrowser.sleep(300);

        assertThat(read.body())
                .as("the server reads its own write before the browser has it")
                .contains("\"fontSize\":22");
        assertThat(post)
                .as("the POST answers only once the browser has stored the value")
                .isNotDone();

        browser.openSettings();

        HttpResponse<String> answer = post.get(DemoBrowser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(browser.localStorage()).containsEntry(FONT_SIZE, "22");
    }

    @Test
    void aServerWriteReachesTheTabThatStaysOpenWhenAnotherTabOfTheBrowserCloses() throws Exception {
        HtmlPage first = browser.openSettings();
        HtmlPage second = browser.openSettings();
        Browser session = session();
        browser.close(second);
        DemoBrowser.sleep(500);

        assertThat(session.isConnected())
                .as(
                        "the server still reaches the browser through the first tab's socket,"
                                + " which is open (its glue state: %s)",
                        browser.js(first, "BrowserStorage.state()"))
                .isTrue();
        CompletableFuture<Void> written =
                new PreferencesStore(session).setTheme(Theme.DARK).toCompletableFuture();
        browser.waitUntil("the first tab acknowledges the server's write", written::isDone);
        assertThat(written).isCompleted();
        assertThat(browser.localStorage()).containsEntry(THEME, "\"DARK\"");
        browser.waitUntil(
                "the first tab shows the new theme",
                () -> "theme-dark".equals(browser.js(first, "document.body.className")));
    }

    @Test
    void aDraftSavedInOneTabIsStoredInThatTabNotInAnotherTabOfTheSameBrowser() throws Exception {
        HtmlPage first = browser.openSettings();
        HtmlPage second = browser.openSettings();

        first.<HtmlTextArea>getHtmlElementById("draft-body").type("Written in the first tab");

        browser.waitUntil(
                "the first tab reports the draft saved",
                () -> "Draft saved".equals(browser.js(first, "document.getElementById('status').textContent")));
        assertThat(browser.js(second, "sessionStorage.getItem('" + DRAFT_BODY + "')"))
                .as("sessionStorage belongs to one tab: the second tab must not receive the first tab's draft")
                .isNull();
        assertThat((String) browser.js(first, "sessionStorage.getItem('" + DRAFT_BODY + "')"))
                .as("the tab that saved the draft holds it")
                .contains("Written in the first tab");
    }
}
