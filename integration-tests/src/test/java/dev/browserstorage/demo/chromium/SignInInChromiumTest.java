package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.demo.PreferencesStore;
import dev.browserstorage.demo.Theme;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Signing in on the settings page rotates the browser's id: Chromium gets a new HttpOnly cookie,
 * its socket reconnects with it on its own, the settings stay, and the old id opens nothing.
 */
@QuarkusTest
class SignInInChromiumTest extends ChromiumTestBase {
    @Test
    void signingInGivesTheBrowserANewIdKeepsItsSettingsAndRefusesTheOldId() throws Exception {
        openSettings();
        assertThat(call("POST", "api/prefs", "{\"theme\":\"DARK\"}").statusCode())
                .isEqualTo(200);
        String oldCredential = credential();
        Browser before = session();

        // A new visitor answers the cookie banner first; it covers the page's foot until then.
        chromium.driver().findElement(By.id("consent-decline")).click();
        awaitPage("return document.getElementById('consent-banner').hidden", true);
        chromium.driver().findElement(By.id("sign-in")).click();
        chromium.waitUntil(
                "the new id cookie",
                driver -> credential() != null && !credential().equals(oldCredential));
        awaitPage("return document.getElementById('status').textContent", "Signed in");
        chromium.waitUntil(
                "the page's socket reconnects with the new cookie",
                driver -> session() == before
                        && before.isConnected()
                        && Boolean.TRUE.equals(chromium.js("return BrowserStorage.state() === 'open'")));

        assertThat(browsers.find(oldCredential.substring(0, oldCredential.indexOf('.'))))
                .as("the old id")
                .isEmpty();
        assertThat(new PreferencesStore(session()).getTheme())
                .as("the settings stay")
                .isEqualTo(Theme.DARK);
        assertThat(call("POST", "api/prefs", "{\"theme\":\"LIGHT\"}").statusCode())
                .as("a write through the new id")
                .isEqualTo(200);
        awaitPage("return document.body.className", "theme-light");

        HttpResponse<String> stale = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(uri("api/prefs"))
                                .header("Cookie", BROWSER_ID_COOKIE + "=" + oldCredential)
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(stale.headers().firstValue("Set-Cookie"))
                .as("the old id is replaced by a fresh one")
                .get()
                .asString()
                .startsWith(BROWSER_ID_COOKIE + "=")
                .doesNotContain(oldCredential);
        assertThat(stale.body())
                .as("and sees nothing of the browser's")
                .doesNotContain("DARK")
                .doesNotContain("LIGHT");
    }
}
