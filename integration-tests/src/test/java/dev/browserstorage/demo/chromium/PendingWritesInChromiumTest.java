package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.demo.SocketStub;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The demo's Qute page in Chromium: the server stores the theme a form posts and renders the page,
 * which shows it when the document is parsed with the socket blocked; once the socket may connect,
 * the server's write completes and the page does not apply it a second time.
 */
@QuarkusTest
class PendingWritesInChromiumTest extends ChromiumTestBase {

    @Test
    void aThemeTheFormHandlerStoredShowsBeforeTheSocketAndAppliesOnce() throws Exception {
        Map<String, Object> blocked = chromium.driver()
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", SocketStub.SCRIPT));
        List<Long> pending;
        try {
            chromium.driver().get(new URL(base, "theme-page").toString());
            new Select(chromium.driver().findElement(By.id("theme"))).selectByValue("SYSTEM");
            // The page's glue stored SYSTEM; the form asks the server for DARK.
            chromium.js("document.getElementById('theme').value = 'DARK'");
            chromium.driver().findElement(By.id("save")).click();
            awaitPage("return document.readyState === 'complete' && !!window.__parsed", true);

            assertThat(chromium.js("return window.__blockedSockets.length"))
                    .as("the socket was blocked")
                    .isEqualTo(1L);
            assertThat(chromium.js("return window.__parsed.theme"))
                    .as("the select when the document was parsed")
                    .isEqualTo("DARK");
            assertThat(chromium.js("return window.__parsed.state")).isIn("closed", "connecting");
            assertThat(localStorage(THEME)).isEqualTo("\"DARK\"");
            pending = session().pendingBatchIds();
            assertThat(pending)
                    .as("the write waits for the browser's acknowledgement")
                    .hasSize(1);
            HttpResponse<String> again = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(new URL(base, "theme-page").toURI())
                                    .header("Cookie", BROWSER_ID_COOKIE + "=" + credential())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(again.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(again.body()).contains("data-pending=\"[{&quot;token&quot;:");
        } finally {
            chromium.driver()
                    .executeCdpCommand(
                            "Page.removeScriptToEvaluateOnNewDocument",
                            Map.of("identifier", blocked.get("identifier")));
        }

        // The next page carries the same batch (still pending) and connects: the socket delivers it.
        chromium.driver().get(new URL(base, "theme-page").toString());
        awaitSync();
        chromium.waitUntil(
                "the server's write acknowledged",
                driver -> session().pendingBatchIds().isEmpty());

        assertThat(chromium.js("return window.__parsed.theme")).isEqualTo("DARK");
        assertThat(chromium.js("return window.__batches"))
                .as("not applied again from the socket")
                .isEqualTo(0L);
        assertThat(localStorage("demo:__bs.applied")).isEqualTo(String.valueOf(pending.get(0)));
        assertThat(session().readText(StorageArea.LOCAL, THEME)).contains("\"DARK\"");
    }
}
