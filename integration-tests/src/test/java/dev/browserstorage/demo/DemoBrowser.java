package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.TopLevelWindow;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.WebResponseData;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

/**
 * One HtmlUnit browser (its own cookies, so its own browser id and server-side session) on the
 * demo app: opens the settings page, calls the API with the browser's cookies, and looks into its
 * storage.
 */
final class DemoBrowser implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client = new WebClient(BrowserVersion.CHROME);
    private final URL base;
    private int windows;
    private volatile boolean blockSockets;

    DemoBrowser(URL base) {
        this.base = base;
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setThrowExceptionOnScriptError(true);
        client.getOptions().setCssEnabled(false);
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                WebResponse response = super.getResponse(request);
                return blockSockets && response.getContentType().equals("text/html")
                        ? withSocketStub(response)
                        : response;
            }
        };
    }

    /**
     * Opens the settings page with its WebSocket blocked ({@link SocketStub}): what it shows comes
     * from the browser's storage alone.
     */
    HtmlPage openWithoutSocket() {
        blockSockets = true;
        try {
            return open();
        } finally {
            blockSockets = false;
        }
    }

    private static WebResponse withSocketStub(WebResponse response) throws IOException {
        String html =
                response.getContentAsString().replace("<head>", "<head><script>" + SocketStub.SCRIPT + "</script>");
        WebResponseData data = new WebResponseData(
                html.getBytes(StandardCharsets.UTF_8),
                response.getStatusCode(),
                response.getStatusMessage(),
                response.getResponseHeaders());
        return new WebResponse(data, response.getWebRequest(), response.getLoadTime());
    }

    /** Opens the settings page and waits until its glue has had the server's welcome. */
    HtmlPage openSettings() {
        HtmlPage page = open();
        waitUntil(
                "the page's glue gets the server's welcome (window.__ready)",
                () -> isTrue(page, "window.__ready === true"));
        return page;
    }

    /** Opens the settings page without waiting for the sync. */
    HtmlPage open() {
        return open("");
    }

    /** Opens a page of the demo in a new window, without waiting for the sync. */
    HtmlPage open(String path) {
        try {
            return client.getPage(client.openWindow(null, "settings-" + ++windows), new WebRequest(url(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the page's window, as a user closes a tab: its socket closes and its scripts stop.
     * (Navigating the window elsewhere instead would let HtmlUnit run the old page's reconnect
     * timer in the next page, which no real browser does.)
     */
    void close(HtmlPage page) {
        ((TopLevelWindow) page.getEnclosingWindow()).close();
    }

    /** An API call with the browser's cookies, in the background of any open page. */
    Answer call(HttpMethod method, String path, String jsonBody) {
        return call(method, path, jsonBody, Map.of());
    }

    /** An API call with the browser's cookies and more headers, in the background of any open page. */
    Answer call(HttpMethod method, String path, String jsonBody, Map<String, String> headers) {
        WebRequest request = new WebRequest(url(path), method);
        request.setAdditionalHeader("Accept", "application/json");
        headers.forEach(request::setAdditionalHeader);
        if (jsonBody != null) {
            request.setAdditionalHeader("Content-Type", "application/json");
            request.setRequestBody(jsonBody);
        }
        return send(request);
    }

    private Answer send(WebRequest request) {
        try {
            WebResponse response = client.loadWebResponse(request);
            List<String> setCookies = response.getResponseHeaders().stream()
                    .filter(header -> header.getName().equalsIgnoreCase("Set-Cookie"))
                    .map(NameValuePair::getValue)
                    .toList();
            return new Answer(response.getStatusCode(), response.getContentAsString(), setCookies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A call with a body of any type and the browser's cookies. */
    Answer callWithBody(HttpMethod method, String path, String contentType, String body) {
        WebRequest request = new WebRequest(url(path), method);
        request.setAdditionalHeader("Accept", "application/json");
        request.setAdditionalHeader("Content-Type", contentType);
        request.setRequestBody(body);
        return send(request);
    }

    Answer get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    Answer post(String path, String jsonBody) {
        return call(HttpMethod.POST, path, jsonBody);
    }

    /** The browser's localStorage for the app's origin, as the page sees it. */
    Map<String, String> localStorage() {
        return client.getStorageHolder().getLocalStorage(base);
    }

    /** The value of the browser-id cookie the server set: the browser's credential. */
    String credential() {
        Cookie cookie = client.getCookieManager().getCookie("bs_id");
        assertThat(cookie).as("the server's browser-id cookie bs_id").isNotNull();
        return cookie.getValue();
    }

    /** The browser's public id, the part of its credential before the tag, which {@code Browsers} takes. */
    String browserId() {
        String credential = credential();
        return credential.substring(0, credential.indexOf('.'));
    }

    Cookie cookie(String name) {
        return client.getCookieManager().getCookie(name);
    }

    Object js(HtmlPage page, String expression) {
        return page.executeJavaScript(expression).getJavaScriptResult();
    }

    boolean isTrue(HtmlPage page, String expression) {
        return Boolean.TRUE.equals(js(page, expression));
    }

    /** Lets the page's scripts run until the condition holds; fails after {@link #TIMEOUT}. */
    void waitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", TIMEOUT, what).isLessThan(deadline);
            client.waitForBackgroundJavaScript(50);
            sleep(20);
        }
    }

    /** Lets the page's pending scripts (timers, requests) finish. */
    void settle() {
        client.waitForBackgroundJavaScript(2_000);
    }

    URL url(String path) {
        try {
            return new URL(base, path);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An API answer: its status and body. */
    record Answer(int status, String body, List<String> setCookies) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
