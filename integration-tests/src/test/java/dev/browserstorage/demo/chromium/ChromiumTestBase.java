package dev.browserstorage.demo.chromium;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Cookie;

/**
 * What the Chromium tests of the demo share: one Chromium per class, which each test gets as new (no
 * cookies, so a browser id and a server-side session of its own; empty storage and HTTP cache), the
 * settings page, and the server's sessions to look into.
 */
@RequiresChromium
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChromiumTestBase {
    static final String THEME = "demo:prefs.theme";
    static final String FONT_SIZE = "demo:prefs.fontSize";
    static final String DRAFT_BODY = "demo:draft.text";
    static final String BROWSER_ID_COOKIE = "bs_id";

    @TestHTTPResource("/")
    URL base;

    @Inject
    Browsers browsers;

    Chromium chromium;
    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * The first test of the class starts Chromium; each later one gets it back as new, which saves a
     * Chromium start (over a second) per test.
     */
    @BeforeEach
    void freshChromium() {
        if (chromium == null) {
            chromium = Chromium.start(ChromiumInstallation.configured());
        } else {
            chromium.forget(base.getProtocol() + "://" + base.getAuthority());
        }
    }

    @AfterAll
    void quitChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Opens the settings page in the current window and waits until its glue has had the welcome. */
    void openSettings() {
        chromium.driver().get(base.toString());
        awaitSync();
    }

    /** Waits until the current window's glue has had the server's welcome. */
    void awaitSync() {
        chromium.waitUntil(
                "the page's glue gets the server's welcome",
                driver -> Boolean.TRUE.equals(
                        chromium.js("return window.__ready === true && BrowserStorage.state() === 'open'")));
    }

    /** Waits until a script's result, in the current window, equals the expected value. */
    void awaitPage(String script, Object expected) {
        chromium.waitUntil("`" + script + "` to be " + expected, driver -> expected.equals(chromium.js(script)));
    }

    /** @return the stored text of a localStorage key of the current window's origin, or null */
    String localStorage(String key) {
        return (String) chromium.js("return localStorage.getItem(arguments[0])", key);
    }

    /** @return the browser's credential in its cookie (HttpOnly, so read through the driver), or null */
    String credential() {
        Cookie cookie = chromium.driver().manage().getCookieNamed(BROWSER_ID_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /** @return the browser's public id, the part of its credential before the tag, or null */
    String browserId() {
        String credential = credential();
        return credential == null ? null : credential.substring(0, credential.indexOf('.'));
    }

    /** @return the server-side session of the browser's id */
    Browser session() {
        return browsers.find(browserId()).orElseThrow(() -> new AssertionError("no server session for " + browserId()));
    }

    /** An API call from outside the page, with the browser's cookie: as the server sees another request of it. */
    HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Cookie", BROWSER_ID_COOKIE + "=" + credential())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An API call by the page itself (XMLHttpRequest), so with whatever cookies the browser holds.
     *
     * @return the status and the body
     */
    PageAnswer callFromPage(String method, String path, String json) {
        return callFromPage(method, path, json, "application/json");
    }

    /**
     * A request of the page itself (XMLHttpRequest) with a body of any type, so with whatever
     * cookies the browser holds, and the browser keeps what its answer sets.
     *
     * @return the status and the body
     */
    PageAnswer callFromPage(String method, String path, String body, String contentType) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer =
                (Map<String, Object>) chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const xhr = new XMLHttpRequest();
                xhr.open(arguments[0], arguments[1]);
                xhr.setRequestHeader('Content-Type', arguments[3]);
                xhr.setRequestHeader('Accept', 'application/json');
                xhr.onload = () => done({ status: xhr.status, body: xhr.responseText });
                xhr.onerror = () => done({ status: 0, body: 'network error' });
                xhr.send(arguments[2]);
                """, method, path, body, contentType);
        return new PageAnswer(((Number) answer.get("status")).intValue(), (String) answer.get("body"));
    }

    URI uri(String path) {
        try {
            return new URL(base, path).toURI();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    /** An answer to a request of the page: its status and body. */
    record PageAnswer(int status, String body) {
        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}
