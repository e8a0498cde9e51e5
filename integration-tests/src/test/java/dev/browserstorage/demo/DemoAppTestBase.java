package dev.browserstorage.demo;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the demo's end-to-end tests share: a fresh HtmlUnit browser per test (so a browser id and a
 * server-side session of its own), the demo's keys, and the server's sessions to look into.
 */
abstract class DemoAppTestBase {
    static final String THEME = "demo:prefs.theme";
    static final String FONT_SIZE = "demo:prefs.fontSize";
    static final String LANGUAGE = "demo:prefs.language";
    static final String RECENT = "demo:prefs.recentSearches";
    static final String DRAFT_BODY = "demo:draft.text";
    /** Where the glue records the highest batch id it has applied. */
    static final String APPLIED = "demo:__bs.applied";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Browsers browsers;

    DemoBrowser browser;

    @BeforeEach
    void startBrowser() {
        browser = new DemoBrowser(base);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /** @return the server-side session of the test's browser */
    Browser session() {
        return browsers.find(browser.browserId()).orElseThrow();
    }
}
