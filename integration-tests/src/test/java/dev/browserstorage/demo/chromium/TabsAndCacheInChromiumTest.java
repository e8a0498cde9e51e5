package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.demo.PreferencesStore;
import dev.browserstorage.demo.Theme;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * What only a real browser does: tabs that share localStorage (and see each other's changes through
 * the {@code storage} event) but not sessionStorage, and a page served from the HTTP cache after a restart, whose first request
 * to the server is the sync handshake.
 */
@QuarkusTest
class TabsAndCacheInChromiumTest extends ChromiumTestBase {

    @Test
    void aChangeMadeInOneTabReachesTheOtherTabAndTheServer() {
        openSettings();
        String firstTab = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().newWindow(WindowType.TAB);
        openSettings();
        String secondTab = chromium.driver().getWindowHandle();

        chromium.driver().switchTo().window(firstTab);
        chromium.js("BrowserStorage.set(arguments[0], '\"DARK\"')", THEME);

        chromium.driver().switchTo().window(secondTab);
        awaitPage("return document.body.className", "theme-dark");
        assertThat(chromium.js("return document.getElementById('theme').value")).isEqualTo("DARK");
        assertThat(chromium.js("return window.__batches"))
                .as("shown through the storage event, not a server write")
                .isEqualTo(0L);
        chromium.waitUntil(
                "the server's store reads the change",
                driver -> new PreferencesStore(session()).getTheme() == Theme.DARK);
    }

    @Test
    void aDraftTypedInOneTabIsStoredInThatTabOnly() {
        openSettings();
        String firstTab = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().newWindow(WindowType.TAB);
        openSettings();
        String secondTab = chromium.driver().getWindowHandle();

        chromium.driver().switchTo().window(firstTab);
        chromium.driver().findElement(By.id("draft-body")).sendKeys("Written in the first tab");
        awaitPage("return document.getElementById('status').textContent", "Draft saved");

        assertThat((String) chromium.js("return sessionStorage.getItem(arguments[0])", DRAFT_BODY))
                .as("the tab that saved the draft holds it")
                .contains("Written in the first tab");
        chromium.driver().switchTo().window(secondTab);
        assertThat(chromium.js("return sessionStorage.getItem(arguments[0])", DRAFT_BODY))
                .as("sessionStorage belongs to one tab")
                .isNull();
        assertThat(chromium.driver().findElement(By.id("draft-body")).getAttribute("value"))
                .isEmpty();
    }

    @Test
    void aPageFromTheHttpCacheSyncsAsTheSameBrowserAsItsHttpRequests() throws Exception {
        openSettings();
        String before = browserId();
        HttpResponse<String> written = call("POST", "api/prefs", "{\"theme\":\"DARK\"}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

        chromium.restart();
        assertThat(browserId())
                .as("the browser id is a session cookie: a restart forgets it")
                .isNull();
        openSettings();

        assertThat(chromium.js("return performance.getEntriesByType('navigation')[0].transferSize"))
                .as("the page came from the HTTP cache, so no HTTP response gave the browser an id")
                .isEqualTo(0L);
        // A revalidated resource reports the status 200 of its cached copy; its transfer is the 304's headers alone.
        Map<?, ?> glue =
                (Map<?, ?>) chromium.js("const e = performance.getEntriesByName(new URL('/_storage/storage.js',"
                        + " location).href)[0]; return {transfer: e.transferSize, body: e.encodedBodySize}");
        assertThat((Long) glue.get("transfer"))
                .as(
                        "the glue is served no-cache: the browser revalidated its copy and got a 304 without a body: %s",
                        glue)
                .isPositive()
                .isLessThan((Long) glue.get("body"));
        String id = browserId();
        assertThat(id)
                .as("the first response to reach the server (the 304 or the sync handshake's 101) set a new browser id")
                .isNotNull()
                .isNotEqualTo(before);
        assertThat(session().isHydrated())
                .as("the socket's hello hydrated the cookie's browser")
                .isTrue();
        PageAnswer read = callFromPage("GET", "/api/prefs", null);
        assertThat(read.status())
                .as("the page's own request finds the browser its socket hydrated: %s", read)
                .isEqualTo(200);
        assertThat(read.body()).contains("\"theme\":\"DARK\"");
        assertThat(session().isConnected()).isTrue();
    }
}
