package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.quarkus.runtime.CookieCommits;
import dev.browserstorage.untyped.BrowserCookies;
import dev.browserstorage.untyped.CookieChangeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.htmlunit.HttpMethod;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.Cookie;
import org.junit.jupiter.api.Test;

/**
 * Cookies end to end on the {@code document.cookie} road (HtmlUnit has no {@code cookieStore}): the
 * untyped {@link BrowserCookies} over the socket (the server's own session of the browser) and in
 * HTTP requests (the demo's {@code /api/cookies}), delete with a non-default path, changes made by
 * page script reported to a server listener, HttpOnly cookies through a commit URL, and the glue
 * refusing a cookie the browser would drop.
 */
@QuarkusTest
class CookiesTest extends DemoAppTestBase {

    @Inject
    CookieCommits commits;

    /** Opens the cookie page under /cookies/ and waits for the glue's welcome. */
    private HtmlPage openCookiePage() {
        HtmlPage page = browser.open("cookies/");
        browser.waitUntil(
                "the cookie page's glue gets the welcome", () -> browser.isTrue(page, "window.__ready === true"));
        return page;
    }

    /** The server's untyped cookies bound to this test's browser: its writes go over the socket. */
    private BrowserCookies overTheSocket() {
        return new BrowserCookies(session());
    }

    private void await(CompletionStage<Void> stage, String what) {
        CompletableFuture<Void> future = stage.toCompletableFuture();
        browser.waitUntil(what, future::isDone);
        assertThat(future).as(what).isCompleted();
    }

    private String documentCookie(HtmlPage page) {
        return (String) browser.js(page, "document.cookie");
    }

    @Test
    void aCookieSetOverTheSocketWithANonDefaultPathIsDeletedWithThatPath() {
        HtmlPage page = openCookiePage();
        BrowserCookies cookies = overTheSocket();

        await(
                cookies.set(
                        "lab_token",
                        "abc",
                        CookieOptions.builder()
                                .path("/cookies")
                                .maxAge(Duration.ofHours(1))
                                .build()),
                "the browser stores lab_token");
        assertThat(documentCookie(page)).contains("lab_token=abc");
        assertThat(browser.cookie("lab_token").getPath()).isEqualTo("/cookies");
        assertThat(cookies.get("lab_token").flatMap(CookieListItem::path)).contains("/cookies");

        await(cookies.delete("lab_token"), "the browser deletes lab_token");

        assertThat(documentCookie(page)).doesNotContain("lab_token");
        assertThat(browser.cookie("lab_token"))
                .as("gone from the browser's jar, not just hidden")
                .isNull();
        assertThat(cookies.get("lab_token")).isEmpty();
    }

    @Test
    void aCookieSetInAnHttpRequestIsReadOnTheNextRequestAndDeletedWithItsPath() {
        DemoBrowser.Answer stored = putText("api/cookies/lab_lang?path=/api&maxAge=3600", "de");
        assertThat(stored.status()).as("%s", stored).isEqualTo(200);
        assertThat(stored.setCookies())
                .anySatisfy(header -> assertThat(header)
                        .startsWith("lab_lang=de;")
                        .contains("Path=/api")
                        .contains("Max-Age=3600")
                        .contains("SameSite=Lax"));

        DemoBrowser.Answer read = browser.get("api/cookies/lab_lang");
        assertThat(read.json().get("value").asText())
                .as("the next request carries it")
                .isEqualTo("de");
        assertThat(browser.get("api/cookies?prefix=lab_").json().fieldNames())
                .toIterable()
                .containsExactly("lab_lang");

        DemoBrowser.Answer deleted = browser.call(HttpMethod.DELETE, "api/cookies/lab_lang", null);
        assertThat(deleted.setCookies())
                .anySatisfy(header -> assertThat(header)
                        .startsWith("lab_lang=;")
                        .contains("Path=/api")
                        .contains("Max-Age=0"));
        assertThat(browser.cookie("lab_lang")).isNull();
        assertThat(browser.get("api/cookies/lab_lang").status()).isEqualTo(404);
    }

    @Test
    void cookiesChangedByPageScriptReachAServerListenerOnFocusAndWhenThePageAsks() {
        HtmlPage page = openCookiePage();
        List<CookieChangeEvent> events = new CopyOnWriteArrayList<>();
        overTheSocket().onPrefixChange("lab_", events::add);

        browser.js(page, "document.cookie = 'lab_banner=closed; path=/'; window.dispatchEvent(new Event('focus'));");
        browser.waitUntil("the server hears of lab_banner", () -> !events.isEmpty());
        assertThat(events.get(0).changed())
                .extracting(CookieListItem::name, CookieListItem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lab_banner", "closed"));
        assertThat(events.get(0).source()).isEqualTo(ChangeSource.BROWSER);
        assertThat(overTheSocket().get("lab_banner")).map(CookieListItem::value).contains("closed");

        browser.js(page, "document.cookie = 'lab_banner=; path=/; max-age=0'; BrowserStorage.checkCookies();");
        browser.waitUntil("the server hears lab_banner is gone", () -> events.size() == 2);
        assertThat(events.get(1).deleted()).extracting(CookieListItem::name).containsExactly("lab_banner");
        assertThat(overTheSocket().get("lab_banner")).isEmpty();
    }

    @Test
    void theServersOwnWritesAreNotReportedBackAsBrowserChanges() {
        HtmlPage page = openCookiePage();
        List<CookieChangeEvent> events = new CopyOnWriteArrayList<>();
        BrowserCookies cookies = overTheSocket();
        cookies.onChange("lab_mine", events::add);

        await(cookies.set("lab_mine", "1"), "the browser stores lab_mine");
        browser.js(page, "window.dispatchEvent(new Event('focus'));");
        browser.settle();

        assertThat(events).extracting(CookieChangeEvent::source).containsExactly(ChangeSource.SERVER_WRITE);
    }

    @Test
    void anHttpOnlyCookieFromASocketContextGoesThroughTheCommitUrlAndNeverReachesScript() {
        HtmlPage page = openCookiePage();

        await(
                overTheSocket()
                        .set(
                                "lab_sid",
                                "s3cr3t",
                                CookieOptions.builder().httpOnly(true).build()),
                "the browser commits lab_sid");

        Cookie sid = browser.cookie("lab_sid");
        assertThat(sid).isNotNull();
        assertThat(sid.getValue()).isEqualTo("s3cr3t");
        assertThat(sid.isHttpOnly()).isTrue();
        assertThat(documentCookie(page))
                .as("invisible to document.cookie")
                .doesNotContain("lab_sid")
                .doesNotContain("s3cr3t");
        assertThat(browser.get("api/cookies/lab_sid").json().get("value").asText())
                .as("the next request carries it")
                .isEqualTo("s3cr3t");
    }

    @Test
    void aCommitUrlWorksOnceAndOnlyForTheBrowserItWasMadeFor() {
        openCookiePage();
        CookieOptions httpOnly = CookieOptions.builder().httpOnly(true).build();
        String url = commits.commitUrl(browsers.get(browser.browserId()).browserId(), "lab_once", "v1", httpOnly);

        assertThat(postTo(url).status()).isEqualTo(204);
        assertThat(browser.cookie("lab_once").getValue()).isEqualTo("v1");
        assertThat(postTo(url).status()).as("replayed").isEqualTo(410);

        String othersUrl = commits.commitUrl("AAAAAAAAAAAAAAAAAAAAAA", "lab_other", "v2", httpOnly);
        assertThat(postTo(othersUrl).status()).as("another browser's URL").isEqualTo(403);
        assertThat(browser.cookie("lab_other")).isNull();
        String forged = url.substring(0, url.lastIndexOf('.') + 1) + "AAAA";
        assertThat(postTo(forged).status()).as("a forged signature").isEqualTo(403);
        assertThat(browser.get(url.substring(1)).status()).as("only POST").isEqualTo(405);
    }

    @Test
    void aCookieTheBrowserWouldDropFailsInTheGlueNamingTheRule() throws InterruptedException {
        // Before the page has connected the server cannot know the page's host, so only the glue can
        // see that this domain does not match it.
        browser.get("api/cookies");
        CompletableFuture<Void> write = new BrowserCookies(browsers.get(browser.browserId()))
                .set(
                        "lab_far",
                        "1",
                        CookieOptions.builder().domain("example.com").build())
                .toCompletableFuture();

        openCookiePage();
        browser.waitUntil("the glue answers the batch", write::isDone);

        try {
            write.get();
            throw new AssertionError("the write should have failed");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(InvalidCookieException.class, refusal -> {
                assertThat(refusal.rule()).isEqualTo(CookieRule.DOMAIN_MISMATCH);
                assertThat(refusal.getMessage()).contains("lab_far");
            });
        }
        assertThat(browser.cookie("lab_far")).isNull();
    }

    @Test
    void theInjectedBrowserCookiesInTheAppsOwnSocketServeTheBrowserThatOpenedIt() throws Exception {
        HtmlPage page = openCookiePage();
        Vertx vertx = Vertx.vertx();
        try {
            LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
            WebSocketConnectOptions options = new WebSocketConnectOptions()
                    .setHost(base.getHost())
                    .setPort(base.getPort())
                    .setURI("/api/cookie-socket")
                    .addHeader("Cookie", "bs_id=" + browser.credential());
            WebSocket socket = vertx.createWebSocketClient()
                    .connect(options)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            socket.textMessageHandler(answers::add);

            socket.writeTextMessage("lab_socket=from-socket");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("stored lab_socket");
            assertThat(documentCookie(page)).contains("lab_socket=from-socket");
            socket.writeTextMessage("get lab_socket");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("from-socket");
            socket.writeTextMessage("secret lab_secret=hidden");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("stored lab_secret");
            assertThat(browser.cookie("lab_secret").isHttpOnly()).isTrue();
            assertThat(documentCookie(page)).doesNotContain("hidden");
            socket.writeTextMessage("bad;name=1");
            assertThat(answers.poll(10, TimeUnit.SECONDS)).isEqualTo("refused NAME_CHARACTERS");
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private DemoBrowser.Answer postTo(String absolutePath) {
        return browser.call(HttpMethod.POST, absolutePath.substring(1), null);
    }

    private DemoBrowser.Answer putText(String path, String text) {
        return browser.callWithBody(HttpMethod.PUT, path, "text/plain", text);
    }
}
