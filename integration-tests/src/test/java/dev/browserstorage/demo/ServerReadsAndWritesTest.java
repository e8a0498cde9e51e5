package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.StorageArea;
import io.quarkus.test.junit.QuarkusTest;
import java.util.concurrent.TimeUnit;
import org.htmlunit.HttpMethod;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;

/**
 * The server's typed stores against a real page in HtmlUnit: what they read from the snapshot the
 * page's glue sends, and how their writes reach the browser, through the demo's JSON API called
 * with the browser's own cookies.
 */
@QuarkusTest
class ServerReadsAndWritesTest extends DemoAppTestBase {

    @Test
    void theServerReadsTheSnapshotThePageSentOnLoadTypedWithDefaultsForAbsentKeys() {
        browser.localStorage().put(THEME, "\"DARK\"");
        browser.localStorage().put(FONT_SIZE, "18");
        browser.localStorage().put("other-app:prefs.theme", "\"SYSTEM\"");

        HtmlPage page = browser.openSettings();

        DemoBrowser.Answer answer = browser.get("api/prefs");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode prefs = answer.json();
        assertThat(prefs.get("theme").asText()).isEqualTo("DARK");
        assertThat(prefs.get("fontSize").asInt()).isEqualTo(18);
        assertThat(prefs.get("language").asText())
                .as("absent: the field initializer")
                .isEqualTo("en");
        assertThat(prefs.get("recentSearches"))
                .as("absent: the field initializer")
                .isEmpty();
        assertThat(session().entries(StorageArea.LOCAL))
                .as("other apps' keys never leave the browser")
                .doesNotContainKey("other-app:prefs.theme");

        assertThat(page.<HtmlSelect>getHtmlElementById("theme")
                        .getSelectedOptions()
                        .get(0)
                        .getValueAttribute())
                .isEqualTo("DARK");
        assertThat(browser.js(page, "document.body.className")).isEqualTo("theme-dark");
    }

    @Test
    void anApiReadBeforeThePageHasConnectedIsAConflictNotTheDefault() {
        DemoBrowser.Answer answer = browser.get("api/prefs");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
        assertThat(answer.json().get("error").asText()).isEqualTo("not-hydrated");
        assertThat(answer.json().get("message").asText()).contains("/_storage/storage.js");
    }

    @Test
    void aServerWriteIsInLocalStorageWhenThePostAnswers() {
        HtmlPage page = browser.openSettings();
        String appliedBefore = browser.localStorage().get(APPLIED);

        DemoBrowser.Answer answer = browser.post("api/prefs", "{\"theme\":\"DARK\",\"fontSize\":20}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        // No waiting here: the answer comes after the browser's ack, so the value is already stored.
        assertThat(browser.localStorage()).containsEntry(THEME, "\"DARK\"").containsEntry(FONT_SIZE, "20");
        assertThat(browser.localStorage().get(APPLIED)).isNotEqualTo(appliedBefore);
        assertThat(session().pendingBatchIds()).isEmpty();
        assertThat(answer.json().get("theme").asText()).isEqualTo("DARK");

        browser.waitUntil(
                "the page shows the new theme", () -> "theme-dark".equals(browser.js(page, "document.body.className")));
        assertThat(browser.js(page, "document.getElementById('font-size').value"))
                .isEqualTo("20");
        assertThat(browser.js(page, "window.__batches")).isEqualTo(1);
    }

    @Test
    void aGetRightAfterAPostReadsTheNewValue() {
        browser.openSettings();

        assertThat(browser.post("api/prefs", "{\"language\":\"de\"}").status()).isEqualTo(200);
        DemoBrowser.Answer answer = browser.get("api/prefs");

        assertThat(answer.json().get("language").asText()).isEqualTo("de");
        assertThat(browser.localStorage()).containsEntry(LANGUAGE, "\"de\"");
    }

    @Test
    void storedValuesSurviveAReloadOfThePage() throws Exception {
        HtmlPage page = browser.openSettings();
        assertThat(browser.post("api/prefs", "{\"theme\":\"DARK\",\"language\":\"fr\"}")
                        .status())
                .isEqualTo(200);
        assertThat(browser.post("api/searches", "{\"query\":\"quarkus websockets\"}")
                        .status())
                .isEqualTo(200);

        HtmlPage reloaded = (HtmlPage) page.refresh();

        // Shown from localStorage as the page loads, before its socket is open.
        assertThat(browser.js(reloaded, "document.body.className")).isEqualTo("theme-dark");
        assertThat(browser.js(reloaded, "document.getElementById('recent').textContent"))
                .isEqualTo("quarkus websockets");
        browser.waitUntil(
                "the reloaded page's glue gets the welcome", () -> browser.isTrue(reloaded, "window.__ready === true"));
        JsonNode prefs = browser.get("api/prefs").json();
        assertThat(prefs.get("theme").asText()).isEqualTo("DARK");
        assertThat(prefs.get("language").asText()).isEqualTo("fr");
        assertThat(prefs.get("recentSearches")).extracting(JsonNode::asText).containsExactly("quarkus websockets");

        browser.settle();
        assertThat(browser.post("api/prefs", "{\"fontSize\":16}").status()).isEqualTo(200);
        browser.waitUntil(
                "the reloaded page applies the next write", () -> browser.isTrue(reloaded, "window.__batches === 1"));
    }

    @Test
    void aValueOverOneMebibyteIsRefusedAtOnceWith413AndNothingReachesTheBrowser() {
        HtmlPage page = browser.openSettings();
        assertThat(browser.post("api/searches", "{\"query\":\"small\"}").status())
                .isEqualTo(200);
        String storedBefore = browser.localStorage().get(RECENT);
        Object batchesBefore = browser.js(page, "window.__batches");

        String huge = "x".repeat(1024 * 1024 + 1);
        long start = System.nanoTime();
        DemoBrowser.Answer answer = browser.post("api/searches", "{\"query\":\"" + huge + "\"}");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.json().get("error").asText()).isEqualTo("too-large");
        assertThat(answer.json().get("message").asText()).contains("1048576");
        assertThat(millis)
                .as("refused before anything is sent, not after a round trip")
                .isLessThan(5_000);
        assertThat(session().pendingBatchIds()).isEmpty();
        browser.settle();
        assertThat(browser.localStorage().get(RECENT)).isEqualTo(storedBefore);
        assertThat(browser.js(page, "window.__batches")).isEqualTo(batchesBefore);
        assertThat(browser.get("api/prefs").json().get("recentSearches"))
                .extracting(JsonNode::asText)
                .containsExactly("small");
    }

    @Test
    void anInvalidFontSizeIsABadRequestAndChangesNothing() {
        browser.openSettings();

        DemoBrowser.Answer answer = browser.post("api/prefs", "{\"fontSize\":500}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("invalid");
        assertThat(browser.localStorage()).doesNotContainKey(FONT_SIZE);
        assertThat(browser.get("api/prefs").json().get("fontSize").asInt()).isEqualTo(14);
    }

    @Test
    void aDeleteOfTheRecentSearchesRemovesTheKey() {
        browser.openSettings();
        assertThat(browser.post("api/searches", "{\"query\":\"one\"}").status()).isEqualTo(200);

        DemoBrowser.Answer answer = browser.call(HttpMethod.DELETE, "api/searches", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(browser.localStorage()).doesNotContainKey(RECENT);
        assertThat(answer.json().get("recentSearches")).isEmpty();
    }

    @Test
    void aCookieStoreWrittenInAnHttpRequestAnswersWithSetCookieCarryingTheDeclaredAttributes() {
        // No page, no socket: cookies travel with HTTP itself.
        DemoBrowser.Answer answer = browser.post("api/consent", "{\"analytics\":true,\"marketing\":false}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.setCookies())
                .anySatisfy(header -> assertThat(header)
                        .startsWith("consent_analytics=true;")
                        .contains("Path=/")
                        .contains("Max-Age=31536000")
                        .contains("Secure")
                        .contains("SameSite=Lax")
                        .doesNotContain("HttpOnly"));
        assertThat(answer.setCookies())
                .anySatisfy(header -> assertThat(header)
                        .startsWith("consent_bannerDismissed=true;")
                        .contains("Max-Age=2592000"));
        assertThat(browser.cookie("consent_analytics").getValue()).isEqualTo("true");

        DemoBrowser.Answer next = browser.get("api/consent");
        assertThat(next.json().get("analytics").asBoolean())
                .as("read from the next request's cookies")
                .isTrue();
        assertThat(next.json().get("marketing").asBoolean()).isFalse();
    }
}
