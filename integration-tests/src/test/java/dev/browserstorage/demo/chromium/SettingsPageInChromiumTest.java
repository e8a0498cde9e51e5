package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.demo.PreferencesStore;
import dev.browserstorage.demo.Theme;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The settings page in Chromium, as a user drives it: it shows what the browser holds, styled; its
 * bound fields store what the user picks and the server hears of it; the server's writes come back
 * into the browser's storage and the page.
 */
@QuarkusTest
class SettingsPageInChromiumTest extends ChromiumTestBase {
    /** Where a reviewer finds how the page looks in Chromium. */
    static final Path SCREENSHOT = Path.of("target", "settings-page-chromium.png");

    @Test
    void thePageShowsWhatTheBrowserHoldsAndTheServerIsHydratedWithIt() throws Exception {
        openSettings();
        chromium.js(
                "localStorage.setItem(arguments[0], '\"DARK\"'); localStorage.setItem(arguments[1], '20');",
                THEME,
                FONT_SIZE);

        chromium.driver().navigate().refresh();
        awaitSync();

        assertThat(session().isHydrated()).isTrue();
        PreferencesStore prefs = new PreferencesStore(session());
        assertThat(prefs.getTheme()).as("read from the page's hello").isEqualTo(Theme.DARK);
        assertThat(prefs.getFontSize()).isEqualTo(20);
        assertThat(chromium.js("return getComputedStyle(document.body).backgroundColor"))
                .as("the dark theme's --bg, applied by Chromium's CSS")
                .isEqualTo("rgb(20, 23, 28)");
        assertThat(chromium.js("return getComputedStyle(document.documentElement).fontSize"))
                .isEqualTo("20px");
        assertThat(chromium.driver().findElement(By.id("status")).getText()).isEqualTo("Synced");
        assertThat(chromium.driver().findElement(By.id("prefs-fields")).isEnabled())
                .isTrue();
    }

    @Test
    void choosingAThemeAndTypingAFontSizeStoresThemAndTheServerReadsThem() throws Exception {
        openSettings();

        new Select(chromium.driver().findElement(By.id("theme"))).selectByValue("DARK");
        awaitPage("return document.getElementById('status').textContent", "Saved");
        WebElement fontSize = chromium.driver().findElement(By.id("font-size"));
        fontSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "18", Keys.TAB);
        awaitPage("return localStorage.getItem('" + FONT_SIZE + "')", "18");

        assertThat(localStorage(THEME)).isEqualTo("\"DARK\"");
        PreferencesStore prefs = new PreferencesStore(session());
        chromium.waitUntil("the server hears of the bound fields' changes", driver -> prefs.getFontSize() == 18);
        assertThat(prefs.getTheme()).isEqualTo(Theme.DARK);
        assertThat(prefs.getFontSize()).isEqualTo(18);
        HttpResponse<String> read = call("GET", "api/prefs", null);
        assertThat(read.body()).contains("\"theme\":\"DARK\"", "\"fontSize\":18");
        assertThat(chromium.js("return getComputedStyle(document.body).backgroundColor"))
                .isEqualTo("rgb(20, 23, 28)");
    }

    @Test
    void aServerWriteReachesTheBrowsersStorageAndThePageAndSurvivesAReload() throws Exception {
        openSettings();
        String id = browserId();

        HttpResponse<String> written = call("POST", "api/prefs", "{\"theme\":\"DARK\",\"language\":\"de\"}");

        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(localStorage(THEME)).as("stored before the server answered").isEqualTo("\"DARK\"");
        awaitPage("return document.querySelector('h1').textContent", "Einstellungen");
        assertThat(chromium.js("return document.body.className")).isEqualTo("theme-dark");

        chromium.driver().navigate().refresh();
        assertThat(chromium.js("return document.body.className"))
                .as("shown from localStorage at once")
                .isEqualTo("theme-dark");
        awaitSync();

        assertThat(chromium.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Einstellungen");
        assertThat(new Select(chromium.driver().findElement(By.id("language")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Deutsch");
        assertThat(browserId()).isEqualTo(id);
        assertThat(new PreferencesStore(session()).getLanguage()).isEqualTo("de");
    }

    @Test
    void aScreenshotOfTheSettingsPageShowsItStyled() throws Exception {
        openSettings();
        assertThat(call("POST", "api/prefs", "{\"recentSearches\":[\"typed stores\",\"cookie limits\"]}")
                        .statusCode())
                .isEqualTo(200);
        awaitPage("return document.querySelectorAll('#recent li').length", 2L);

        byte[] png = chromium.driver().getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOT, png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(Chromium.WIDTH);
        assertThat(color(image, 3, 3)).as("the light theme's --bg").isEqualTo(new Color(0xf4, 0xf5, 0xf7));
        Rectangle button = chromium.driver().findElement(By.id("search-button")).getRect();
        assertThat(color(image, button.getX() + 3, button.getY() + button.getHeight() / 2))
                .as("the Search button's --accent")
                .isEqualTo(new Color(0x2f, 0x6f, 0xde));
        assertThat(chromium.driver().findElement(By.id("consent-banner")).isDisplayed())
                .isTrue();
    }

    private static Color color(BufferedImage image, int x, int y) {
        return new Color(image.getRGB(x, y));
    }
}
