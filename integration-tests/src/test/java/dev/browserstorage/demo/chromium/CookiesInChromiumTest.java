package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.untyped.BrowserCookies;
import dev.browserstorage.untyped.CookieChangeEvent;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * The cookie scenarios of {@code CookiesTest} on the {@code cookieStore} road: Chromium has the
 * Cookie Store API, so the glue writes with {@code cookieStore.set()} and hears changes through its
 * {@code change} event, without waiting for focus.
 */
@QuarkusTest
class CookiesInChromiumTest extends ChromiumTestBase {

    /** Opens the cookie page and counts the glue's calls of cookieStore.set and delete from then on. */
    private void openCookiePage() {
        chromium.driver().get(base + "cookies/");
        awaitSync();
        chromium.js("""
                window.__cookieStoreCalls = 0;
                const set = cookieStore.set.bind(cookieStore);
                const remove = cookieStore.delete.bind(cookieStore);
                cookieStore.set = options => { window.__cookieStoreCalls++; return set(options); };
                cookieStore.delete = options => { window.__cookieStoreCalls++; return remove(options); };
                """);
    }

    private BrowserCookies overTheSocket() {
        return new BrowserCookies(session());
    }

    private void await(CompletionStage<Void> stage, String what) {
        CompletableFuture<Void> future = stage.toCompletableFuture();
        chromium.waitUntil(what, driver -> future.isDone());
        assertThat(future).as(what).isCompleted();
    }

    private Cookie cookie(String name) {
        return chromium.driver().manage().getCookieNamed(name);
    }

    /** A request of the page itself, with a text body: the browser keeps what its answer sets. */
    private PageAnswer fromPage(String method, String path, String text) {
        return callFromPage(method, path, text, "text/plain");
    }

    @Test
    void aCookieSetOverTheSocketGoesThroughCookieStoreAndIsDeletedWithItsPath() {
        openCookiePage();
        BrowserCookies cookies = overTheSocket();

        await(
                cookies.set(
                        "lab_token",
                        "abc",
                        CookieOptions.builder()
                                .path("/cookies/")
                                .maxAge(Duration.ofHours(1))
                                .build()),
                "Chromium stores lab_token");

        assertThat(cookieStoreCalls()).as("written by cookieStore.set").isEqualTo(1);
        assertThat(chromium.js("return document.cookie")).asString().contains("lab_token=abc");
        assertThat(cookie("lab_token").getPath()).isEqualTo("/cookies/");
        assertThat(cookie("lab_token").isSecure()).isTrue();

        await(cookies.delete("lab_token"), "Chromium deletes lab_token");

        assertThat(cookieStoreCalls()).as("deleted by cookieStore.delete").isEqualTo(2);
        assertThat(cookie("lab_token")).isNull();
        assertThat(cookies.get("lab_token")).isEmpty();
    }

    @Test
    void aPathWithoutATrailingSlashKeepsItsExactPathThroughDocumentCookie() {
        openCookiePage();
        BrowserCookies cookies = overTheSocket();

        // cookieStore.set would store '/cookies/', which a Set-Cookie delete with Path=/cookies misses.
        await(
                cookies.set(
                        "lab_exact",
                        "1",
                        CookieOptions.builder().path("/cookies").build()),
                "Chromium stores lab_exact");

        assertThat(cookieStoreCalls()).isZero();
        assertThat(cookie("lab_exact").getPath()).isEqualTo("/cookies");
        await(cookies.delete("lab_exact"), "Chromium deletes lab_exact");
        assertThat(cookie("lab_exact")).isNull();
    }

    private int cookieStoreCalls() {
        return ((Number) chromium.js("return window.__cookieStoreCalls")).intValue();
    }

    @Test
    void aCookieSetInAnHttpRequestIsReadOnTheNextRequest() {
        openCookiePage();

        PageAnswer set = fromPage("PUT", "/api/cookies/lab_lang?maxAge=3600", "de");
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(cookie("lab_lang").getValue()).isEqualTo("de");

        PageAnswer read = fromPage("GET", "/api/cookies/lab_lang", null);
        assertThat(read.body()).contains("\"value\":\"de\"");
        assertThat(fromPage("DELETE", "/api/cookies/lab_lang", null).status()).isEqualTo(200);
        assertThat(cookie("lab_lang")).isNull();
    }

    @Test
    void aCookieChangedByPageScriptReachesAServerListenerThroughTheChangeEvent() {
        openCookiePage();
        List<CookieChangeEvent> events = new CopyOnWriteArrayList<>();
        overTheSocket().onPrefixChange("lab_", events::add);

        // No focus event, no call into the glue: cookieStore's change event is enough.
        chromium.js("document.cookie = 'lab_banner=closed; path=/'");
        chromium.waitUntil("the server hears of lab_banner", driver -> !events.isEmpty());

        assertThat(events.get(0).changed())
                .extracting(CookieListItem::name, CookieListItem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lab_banner", "closed"));
        assertThat(events.get(0).source()).isEqualTo(ChangeSource.BROWSER);

        chromium.js("cookieStore.delete('lab_banner')");
        chromium.waitUntil("the server hears lab_banner is gone", driver -> events.size() == 2);
        assertThat(events.get(1).deleted()).extracting(CookieListItem::name).containsExactly("lab_banner");
    }

    @Test
    void anHttpOnlyCookieFromASocketContextGoesThroughTheCommitUrlAndNeverReachesScript() {
        openCookiePage();

        await(
                overTheSocket()
                        .set(
                                "lab_sid",
                                "s3cr3t",
                                CookieOptions.builder().httpOnly(true).build()),
                "Chromium commits lab_sid");

        assertThat(cookie("lab_sid").getValue()).isEqualTo("s3cr3t");
        assertThat(cookie("lab_sid").isHttpOnly()).isTrue();
        assertThat(chromium.js("return document.cookie")).asString().doesNotContain("lab_sid");
        assertThat(chromium.js("return cookieStore.get('lab_sid').then(c => c === null)"))
                .isEqualTo(true);
        assertThat(fromPage("GET", "/api/cookies/lab_sid", null).body()).contains("\"value\":\"s3cr3t\"");
    }

    @Test
    void aCookieTheBrowserWouldDropFailsInTheGlueNamingTheRule() throws InterruptedException {
        // A JSON answer gives the browser its id; the page has not connected, so the server cannot
        // know the page's host yet: only the glue can see the domain does not match it.
        chromium.driver().get(base + "api/cookies");
        CompletableFuture<Void> write = new BrowserCookies(browsers.get(browserId()))
                .set(
                        "lab_far",
                        "1",
                        CookieOptions.builder().domain("example.com").build())
                .toCompletableFuture();

        chromium.driver().get(base + "cookies/");
        chromium.waitUntil("the glue answers the batch", driver -> write.isDone());

        try {
            write.get();
            throw new AssertionError("the write should have failed");
        } catch (ExecutionException e) {
            assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                            InvalidCookieException.class,
                            refusal -> assertThat(refusal.rule()).isEqualTo(CookieRule.DOMAIN_MISMATCH));
        }
        assertThat(cookie("lab_far")).isNull();
    }
}
