package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.BrowserTest;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.ScriptErrors;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser glue {@code /_storage/storage.js} in a real JavaScript engine (HtmlUnit) against the
 * real sync endpoint. HtmlUnit has neither the {@code storage} event nor {@code cookieStore}, so this
 * covers the {@code document.cookie} path; the Chromium lane of the integration tests covers the rest.
 */
class GlueTest extends BrowserTest {
    /**
     * The page wraps {@code WebSocket.prototype.send} before the glue loads, to record every frame
     * the glue sends; a test may also hold back its acks or make its hello claim that nothing was
     * applied, which is how a lost ack and a replayed batch look on the wire. {@code %s} is where the
     * glue is loaded and started.
     */
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>glue</title>
            <script>
              window.sent = [];
              window.holdAcks = false;
              window.dropFails = false;
              window.forgetApplied = false;
              var realSend = WebSocket.prototype.send;
              WebSocket.prototype.send = function (text) {
                window.socket = this;
                var frame = JSON.parse(text);
                if (frame.t === 'hello' && window.forgetApplied) {
                  frame.applied = 0;
                  text = JSON.stringify(frame);
                }
                sent.push(frame);
                if (frame.t === 'ack' && window.holdAcks) return;
                if (frame.t === 'fail' && window.dropFails) return;
                return realSend.call(this, text);
              };
            </script>
            %s
            <script>
              window.events = [];
              window.changes = [];
              ['ready', 'batch', 'error'].forEach(function (name) {
                document.addEventListener('browser-storage:' + name, function (e) {
                  events.push({ name: name, detail: e.detail });
                });
              });
              BrowserStorage.onChange(function (change) { changes.push(change); });
            </script>
            </head><body></body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(Credentials.class, Eventually.class, ScriptErrors.class, BrowserTest.class)
                            .addAsResource(
                                    new StringAsset(PAGE.formatted(
                                            "<script src=\"/_storage/storage.js\" data-app=\"demo\"></script>")),
                                    "META-INF/resources/index.html")
                            .addAsResource(new StringAsset(PAGE.formatted("""
                            <script src="/_storage/storage.js?v=1"></script>
                            <script>
                              window.stateBeforeStart = BrowserStorage.state();
                              BrowserStorage.start({ app: 'demo', path: '/_storage/sync' });
                            </script>""")), "META-INF/resources/manual.html")
                            .addAsResource(
                                    new StringAsset("<!DOCTYPE html><html><body>seed</body></html>"),
                                    "META-INF/resources/seed.html"))
            .overrideConfigKey("quarkus.browser-storage.app-id", "demo")
            // Nothing in this app uses BrowserCookies, but its batches write cookies through the session.
            .overrideConfigKey("quarkus.browser-storage.glue.cookies", "true")
            // A free port, as in integration-tests: other Quarkus tests may run beside this one.
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/index.html")
    URL index;

    @TestHTTPResource("/manual.html")
    URL manual;

    @TestHTTPResource("/seed.html")
    URL seed;

    @Inject
    Browsers browsers;

    @Test
    void helloCarriesOnlyTheAppsKeysAndHydratesTheSession() throws Exception {
        HtmlPage seedPage = browser.getPage(seed);
        js(seedPage, """
                localStorage.setItem('demo:prefs.theme', '"dark"');
                localStorage.setItem('demo:__bs.applied', '7');
                localStorage.setItem('other:x', '"not yours"');
                sessionStorage.setItem('demo:draft.text', '"hi"');
                sessionStorage.setItem('other:y', '"not yours either"');
                document.cookie = 'ui_lang=en; Path=/';
                """);

        HtmlPage page = open();

        JsonObject hello = sent(page).getJsonObject(0);
        assertThat(hello.getString("t")).isEqualTo("hello");
        assertThat(hello.getInteger("v")).isEqualTo(1);
        assertThat(hello.getString("app")).isEqualTo("demo");
        assertThat(hello.getString("page")).isEqualTo(index.toString());
        assertThat(hello.getJsonObject("local").getMap()).isEqualTo(Map.of("demo:prefs.theme", "\"dark\""));
        assertThat(hello.getJsonObject("session").getMap()).isEqualTo(Map.of("demo:draft.text", "\"hi\""));
        assertThat(hello.getString("cookies")).isEqualTo("ui_lang=en");
        assertThat(hello.getLong("applied")).isEqualTo(7);
        assertThat(sent(page).encode()).doesNotContain("other:");

        Browser session = session(page);
        assertThat(session.isHydrated()).isTrue();
        assertThat(session.entries(StorageArea.LOCAL)).isEqualTo(Map.of("demo:prefs.theme", "\"dark\""));
        assertThat(tab(page).entries(StorageArea.SESSION)).isEqualTo(Map.of("demo:draft.text", "\"hi\""));
        assertThat(session.entries(StorageArea.SESSION))
                .as("sessionStorage is the tab's, not the browser's")
                .isEmpty();
        assertThat(session.readText(StorageArea.COOKIE, "ui_lang")).contains("en");
        assertThat(browsers.find(Credentials.id(
                        browser.getCookieManager().getCookie(Credentials.COOKIE).getValue())))
                .as("the socket's handshake carried the browser id cookie")
                .containsSame(session);
        assertThat(js(page, "BrowserStorage.state()")).isEqualTo("open");
        assertThat(events(page, "error")).isEmpty();
    }

    @Test
    void aServerBatchIsAppliedInOrderAndAcknowledged() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        session.write(List.of(
                        Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"light\""),
                        Write.set(StorageArea.SESSION, "demo:draft.text", "\"draft\""),
                        Write.setCookie(
                                "ui_lang",
                                "de",
                                CookieOptions.builder()
                                        .maxAge(Duration.ofDays(1))
                                        .build()),
                        Write.setCookie(
                                "ui_seen",
                                "1",
                                CookieOptions.builder()
                                        .expires(Instant.now().plus(Duration.ofDays(2)))
                                        .build())))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isEqualTo("\"light\"");
        assertThat(js(page, "sessionStorage.getItem('demo:draft.text')")).isEqualTo("\"draft\"");
        assertThat((String) js(page, "document.cookie")).contains("ui_lang=de");
        assertThat(browser.getCookieManager().getCookie("ui_lang").getPath()).isEqualTo("/");
        assertThat(browser.getCookieManager().getCookie("ui_lang").getExpires())
                .isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(1))), 60_000);
        assertThat(browser.getCookieManager().getCookie("ui_seen").getExpires())
                .isCloseTo(Date.from(Instant.now().plus(Duration.ofDays(2))), 60_000);
        long id = lastOf(sent(page), "ack").getLong("id");
        assertThat(js(page, "localStorage.getItem('demo:__bs.applied')")).isEqualTo(Long.toString(id));
        waitUntil(() -> !events(page, "batch").isEmpty());
        assertThat(events(page, "batch")
                        .getJsonObject(0)
                        .getJsonObject("detail")
                        .getLong("id"))
                .isEqualTo(id);
        assertThat(changes(page))
                .containsExactly(
                        new JsonObject()
                                .put("area", "local")
                                .put("key", "demo:prefs.theme")
                                .put("value", "\"light\"")
                                .put("source", "server"),
                        new JsonObject()
                                .put("area", "session")
                                .put("key", "demo:draft.text")
                                .put("value", "\"draft\"")
                                .put("source", "server"),
                        new JsonObject()
                                .put("area", "cookie")
                                .put("key", "ui_lang")
                                .put("value", "de")
                                .put("source", "server"),
                        new JsonObject()
                                .put("area", "cookie")
                                .put("key", "ui_seen")
                                .put("value", "1")
                                .put("source", "server"));

        session.write(List.of(
                        Write.remove(StorageArea.LOCAL, "demo:prefs.theme"),
                        Write.deleteCookie("ui_lang", CookieOptions.defaults())))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isNull();
        assertThat((String) js(page, "document.cookie")).doesNotContain("ui_lang");
    }

    @Test
    void aReplayedBatchIsAcknowledgedButNotAppliedAgain() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        // The glue applies the batch, but its ack is lost with the connection.
        js(page, "holdAcks = true");
        var write = session.write(List.of(Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"server\"")))
                .toCompletableFuture();
        waitUntil(() -> "\"server\"".equals(js(page, "localStorage.getItem('demo:prefs.theme')")));
        js(page, "BrowserStorage.set('demo:prefs.theme', '\"mine\"')");
        assertThat(write).isNotDone();

        // Its next hello claims nothing was applied, so the server sends the batch again.
        js(page, "holdAcks = false; forgetApplied = true; socket.close()");
        write.get(10, TimeUnit.SECONDS);

        long id = lastOf(sent(page), "ack").getLong("id");
        assertThat(sent(page))
                .filteredOn(frame -> "ack".equals(((JsonObject) frame).getString("t")))
                .as("the held-back ack and the replay's")
                .containsExactly(
                        new JsonObject().put("t", "ack").put("id", id),
                        new JsonObject().put("t", "ack").put("id", id));
        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isEqualTo("\"mine\"");
        assertThat(events(page, "batch")).hasSize(1);
        assertThat(events(page, "ready")).hasSize(2);
    }

    /**
     * The browser keeps {@code <app>:__bs.applied} for good, but a server session starts its batch ids
     * at 1 again after a restart or after the idle timeout dropped it. Fails until the server accounts
     * for the number the hello reports (see docs/protocol.md, "Exactly once").
     */
    @Test
    void aNewServerSessionsBatchesAreAppliedEvenIfAnOldSessionsIdsWereHigher() throws Exception {
        HtmlPage seedPage = browser.getPage(seed);
        js(seedPage, "localStorage.setItem('demo:__bs.applied', '41')");
        HtmlPage page = open();

        session(page)
                .write(List.of(Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"light\"")))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')"))
                .as("a write reported done is stored in the browser")
                .isEqualTo("\"light\"");
    }

    @Test
    void aTabsOwnBatchIsAppliedToItsSessionStorageAndCountedApartFromTheBrowsers() throws Exception {
        HtmlPage page = open();
        Tab tab = tab(page);

        tab.write(List.of(Write.set(StorageArea.SESSION, "demo:draft.text", "\"mine\"")))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(js(page, "sessionStorage.getItem('demo:draft.text')")).isEqualTo("\"mine\"");
        JsonObject ack = lastOf(sent(page), "ack");
        assertThat(ack.getBoolean("tab")).isTrue();
        assertThat(js(page, "sessionStorage.getItem('demo:__bs.applied')")).isEqualTo(Long.toString(ack.getLong("id")));
        assertThat(js(page, "localStorage.getItem('demo:__bs.applied')"))
                .as("the browser's count")
                .isNull();
        assertThat(js(page, "document.cookie")).asString().contains("__bs_tab=" + js(page, "BrowserStorage.tabId()"));
    }

    @Test
    void manyWritesInOneMomentAreAllAppliedInOrderAndAcknowledged() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);
        List<CompletableFuture<Void>> writes = new ArrayList<>();

        for (int i = 0; i < 50; i++) {
            writes.add(session.write(List.of(Write.set(StorageArea.LOCAL, "demo:counter", Integer.toString(i))))
                    .toCompletableFuture());
        }

        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(js(page, "localStorage.getItem('demo:counter')")).isEqualTo("49");
        assertThat(session.pendingBatchIds()).isEmpty();
        assertThat(scriptErrors.all()).isEmpty();
    }

    @Test
    void aReloadedPageContinuesItsTabAndItsPendingTabWrites() throws Exception {
        HtmlPage page = open();
        String tabId = (String) js(page, "BrowserStorage.tabId()");
        Tab tab = tab(page);

        HtmlPage reloaded = open();

        assertThat(js(reloaded, "BrowserStorage.tabId()")).isEqualTo(tabId);
        assertThat(tab(reloaded)).isSameAs(tab);
        tab.write(List.of(Write.set(StorageArea.SESSION, "demo:draft.text", "\"after\"")))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(js(reloaded, "sessionStorage.getItem('demo:draft.text')")).isEqualTo("\"after\"");
    }

    @Test
    void pageWritesReachTheServerAndKeysOutsideTheAppAreRefused() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        js(
                page,
                "BrowserStorage.set('demo:prefs.theme', '\"blue\"'); BrowserStorage.set('demo:draft.text', '\"x\"', 'session')");
        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:prefs.theme").isPresent()
                && tab(page).readText(StorageArea.SESSION, "demo:draft.text").isPresent());
        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"blue\"");
        assertThat(js(page, "BrowserStorage.get('demo:prefs.theme')")).isEqualTo("\"blue\"");

        js(page, "BrowserStorage.remove('demo:prefs.theme')");
        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:prefs.theme").isEmpty());
        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isNull();

        assertThat(js(page, "try { BrowserStorage.set('other:x', '1'); 'stored' } catch (e) { e.message }"))
                .isEqualTo("key \"other:x\" is outside the namespace 'demo:'");
        assertThat(js(page, "try { BrowserStorage.remove('demo:__bs.applied'); 'removed' } catch (e) { e.message }"))
                .isEqualTo("key \"demo:__bs.applied\" is outside the namespace 'demo:'");
        assertThat(js(page, "try { BrowserStorage.set('demo:prefs.theme', 'blue'); 'stored' } catch (e) { e.name }"))
                .isEqualTo("SyntaxError");
        assertThat(js(page, "localStorage.getItem('other:x')")).isNull();
        assertThat(events(page, "error")).isEmpty();
    }

    @Test
    void aBatchTheBrowserHasNoRoomForIsRolledBackAndFailsWithQuotaExceeded() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);
        js(page, "BrowserStorage.set('demo:prefs.theme', '\"dark\"')");
        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:prefs.theme").isPresent());
        js(page, "changes.length = 0"); // the page's own set reached its listeners; only the batch's count below
        // HtmlUnit allows 5,200,000 characters of values per page's Storage; another app's key
        // (outside this app's server-side budget) takes nearly all of them.
        js(page, "localStorage.setItem('other:big', 'x'.repeat(5190000))");
        long applied = Long.parseLong((String) js(page, "localStorage.getItem('demo:__bs.applied') || '0'"));

        var write = session.write(List.of(
                        Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"light\""),
                        Write.set(StorageArea.LOCAL, "demo:prefs.recent", "\"" + "r".repeat(20_000) + "\"")))
                .toCompletableFuture();

        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(QuotaExceededException.class);
        JsonObject fail = lastOf(sent(page), "fail");
        assertThat(fail.getString("error")).isEqualTo("quota");
        assertThat(fail.getString("area")).isEqualTo("local");
        assertThat(fail.getString("key")).isEqualTo("demo:prefs.recent");
        assertThat(js(page, "localStorage.getItem('demo:prefs.theme')")).isEqualTo("\"dark\"");
        assertThat(js(page, "localStorage.getItem('demo:prefs.recent')")).isNull();
        assertThat(js(page, "localStorage.getItem('demo:__bs.applied') || '0'")).isEqualTo(Long.toString(applied));
        assertThat(events(page, "batch")).isEmpty();
        assertThat(changes(page)).isEmpty();
    }

    @Test
    void aFailureWhoseFrameWasLostIsReportedByTheNextHelloAndNeverTakenForApplied() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);
        js(page, "BrowserStorage.set('demo:prefs.theme', '\"dark\"')");
        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:prefs.theme").isPresent());
        js(page, "localStorage.setItem('other:big', 'x'.repeat(5190000)); window.dropFails = true");

        // The browser has no room for this batch, and its fail frame is lost on the way.
        var tooBig = session.write(
                        List.of(Write.set(StorageArea.LOCAL, "demo:prefs.recent", "\"" + "r".repeat(20_000) + "\"")))
                .toCompletableFuture();
        long failedId = session.pendingBatchIds().get(0);
        waitUntil(() -> sent(page).stream().anyMatch(frame -> "fail".equals(((JsonObject) frame).getString("t"))));
        // Room again; the next batch applies, and moves the browser's applied count past the failed one.
        js(page, "localStorage.removeItem('other:big'); window.dropFails = false");
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:prefs.theme", "\"light\"")))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(tooBig).as("its fail frame never arrived").isNotDone();

        js(page, "socket.close()");
        waitUntil(() -> events(page, "ready").size() == 2);

        JsonObject hello = lastOf(sent(page), "hello");
        assertThat(hello.getLong("applied")).isGreaterThan(failedId);
        assertThat(hello.getJsonArray("failed").getJsonObject(0).getLong("id")).isEqualTo(failedId);
        assertThatThrownBy(() -> tooBig.get(10, TimeUnit.SECONDS))
                .as("failed, not taken for applied by the count")
                .cause()
                .isInstanceOf(QuotaExceededException.class);
        assertThat(js(page, "localStorage.getItem('demo:prefs.recent')")).isNull();
        assertThat(js(page, "localStorage.getItem('demo:__bs.failed')"))
                .as("reported once, then forgotten")
                .isNull();
    }

    @Test
    void afterTheSocketClosesTheGlueReconnectsWithAFreshHello() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        js(page, "socket.close(); localStorage.setItem('demo:prefs.theme', '\"while away\"')");
        waitUntil(() -> events(page, "ready").size() == 2);

        assertThat(js(page, "BrowserStorage.state()")).isEqualTo("open");
        JsonObject secondHello = lastOf(sent(page), "hello");
        assertThat(secondHello.getJsonObject("local").getMap()).isEqualTo(Map.of("demo:prefs.theme", "\"while away\""));
        assertThat(session.readText(StorageArea.LOCAL, "demo:prefs.theme")).contains("\"while away\"");
    }

    @Test
    void aPageWithoutDataAppStartsTheGlueByHand() throws Exception {
        HtmlPage page = open(manual);

        assertThat(js(page, "stateBeforeStart")).isEqualTo("closed");
        assertThat(js(page, "BrowserStorage.state()")).isEqualTo("open");
        assertThat(session(page).isHydrated()).isTrue();
        assertThat(js(page, "try { BrowserStorage.start({ app: 'demo' }); 'started twice' } catch (e) { e.message }"))
                .isEqualTo("BrowserStorage is already started");
    }

    private HtmlPage open() throws Exception {
        return open(index);
    }

    private HtmlPage open(URL url) throws Exception {
        HtmlPage page = browser.getPage(url);
        waitUntil(
                () -> !events(page, "ready").isEmpty(),
                () -> "the glue is " + js(page, "BrowserStorage.state()") + " and sent "
                        + js(page, "JSON.stringify(sent.map(function (f) { return f.t; }))"));
        return page;
    }

    private Browser session(HtmlPage page) {
        // The id is an HttpOnly cookie, which the page's script never sees: read it from the cookie jar.
        String browserId = Credentials.id(
                browser.getCookieManager().getCookie(Credentials.COOKIE).getValue());
        return browsers.find(browserId).orElseThrow();
    }

    /** The session of the page's tab, which holds the tab's sessionStorage. */
    private Tab tab(HtmlPage page) {
        String tabId =
                events(page, "ready").getJsonObject(0).getJsonObject("detail").getString("tab");
        assertThat(tabId).isEqualTo(js(page, "BrowserStorage.tabId()"));
        return session(page).findTab(tabId).orElseThrow();
    }

    private static Object js(HtmlPage page, String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }

    private static JsonArray sent(HtmlPage page) {
        return new JsonArray((String) js(page, "JSON.stringify(sent)"));
    }

    private static JsonArray events(HtmlPage page, String name) {
        return new JsonArray(
                (String) js(page, "JSON.stringify(events.filter(function (e) { return e.name === '" + name + "'; }))"));
    }

    private static JsonArray changes(HtmlPage page) {
        return new JsonArray((String) js(page, "JSON.stringify(changes)"));
    }

    private static JsonObject lastOf(JsonArray frames, String type) {
        JsonObject last = null;
        for (Object frame : frames) {
            if (type.equals(((JsonObject) frame).getString("t"))) {
                last = (JsonObject) frame;
            }
        }
        assertThat(last).as("a '%s' frame among %s", type, frames).isNotNull();
        return last;
    }
}
