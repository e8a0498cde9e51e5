package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.junit.jupiter.api.Test;

/**
 * The settings page as a user drives it in HtmlUnit: its bound fields store what the user picks and
 * the server hears of it; its other controls change the browser's storage through the server; the
 * page shows what the browser holds, as text.
 */
@QuarkusTest
class SettingsPageTest extends DemoAppTestBase {

    @Test
    void choosingAThemeInThePageStoresItAndTheServerReadsIt() {
        HtmlPage page = browser.openSettings();

        page.<HtmlSelect>getHtmlElementById("theme").setSelectedAttribute("DARK", true);

        browser.waitUntil(
                "the page reports the save",
                () -> "Saved".equals(browser.js(page, "document.getElementById('status').textContent")));
        assertThat(browser.localStorage()).containsEntry(THEME, "\"DARK\"");
        assertThat(browser.js(page, "document.body.className")).isEqualTo("theme-dark");
        browser.waitUntil(
                "the server's API reads the browser's change",
                () -> "DARK".equals(browser.get("api/prefs").json().get("theme").asText()));
    }

    @Test
    void aSearchFromTheSearchBoxGoesToTheTopOfTheRecentSearches() throws Exception {
        HtmlPage page = browser.openSettings();
        assertThat(browser.post("api/prefs", "{\"recentSearches\":[\"older\"]}").status())
                .isEqualTo(200);

        page.getHtmlElementById("search").type("<b>htmlunit</b>");
        page.getHtmlElementById("search-button").click();

        browser.waitUntil(
                "the list shows the search",
                () -> browser.isTrue(page, "document.querySelectorAll('#recent li').length === 2"));
        assertThat(browser.js(page, "document.querySelector('#recent li').textContent"))
                .as("shown as text, never as HTML")
                .isEqualTo("<b>htmlunit</b>");
        assertThat(browser.js(page, "document.querySelectorAll('#recent b').length"))
                .isEqualTo(0);
        assertThat(browser.localStorage()).containsEntry(RECENT, "[\"<b>htmlunit</b>\",\"older\"]");
    }

    @Test
    void aDraftTypedInThePageIsKeptInSessionStorageWithItsLifetime() throws Exception {
        HtmlPage page = browser.openSettings();

        page.<HtmlTextArea>getHtmlElementById("draft-body").type("Dear team,");

        browser.waitUntil(
                "the page reports the draft saved",
                () -> "Draft saved".equals(browser.js(page, "document.getElementById('status').textContent")));
        browser.waitUntil(
                "the server's API reads the tab's draft",
                () -> "Dear team,"
                        .equals(browser.get("api/draft").json().get("body").asText()));
        String stored = (String) browser.js(page, "sessionStorage.getItem('" + DRAFT_BODY + "')");
        assertThat(stored).startsWith("{\"expires\":").endsWith(",\"value\":\"Dear team,\"}");
        assertThat(browser.localStorage()).doesNotContainKey(DRAFT_BODY);
    }

    @Test
    void acceptingTheCookieBannerStoresTheConsentCookiesAndHidesTheBanner() throws Exception {
        HtmlPage page = browser.openSettings();
        assertThat(browser.isTrue(page, "document.getElementById('consent-banner').hidden"))
                .isFalse();

        page.getHtmlElementById("consent-accept").click();

        browser.waitUntil("the page reports the answer", () -> {
            Object status = browser.js(page, "document.getElementById('status').textContent");
            return "Cookies allowed".equals(status) || String.valueOf(status).startsWith("Not saved");
        });
        assertThat(browser.js(page, "document.getElementById('status').textContent"))
                .isEqualTo("Cookies allowed");
        assertThat(browser.cookie("consent_analytics")).isNotNull();
        assertThat(browser.cookie("consent_analytics").getValue()).isEqualTo("true");
        assertThat(browser.cookie("consent_bannerDismissed").getValue()).isEqualTo("true");
        assertThat(browser.isTrue(page, "document.getElementById('consent-banner').hidden"))
                .isTrue();
        JsonNode consent = browser.get("api/consent").json();
        assertThat(consent.get("analytics").asBoolean()).isTrue();
        assertThat(consent.get("marketing").asBoolean()).isTrue();
    }
}
