package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.BrowserTest;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.ScriptErrors;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.qute.Template;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.vertx.web.Route;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.htmlunit.WebWindow;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request handler writes a store, then renders a Qute page with {@code {#browserStorage /}}: the
 * page shows the new value on first paint, before its socket has said anything, and the write is
 * applied once per browser however the socket delivers it again (docs/protocol.md, "Rendered
 * batches"). HtmlUnit runs the real glue against the real server.
 */
class PendingWritesPageTest extends BrowserTest {
    /**
     * Records the frames the glue sends (and holds its acks back when the route says so, which keeps a
     * batch pending on the server as a slow or lost ack would), what storage held right after the tag,
     * and what the bound field showed when the document was parsed: the glue connects only then, so
     * no frame can have arrived yet.
     */
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html><head><title>pending</title>
            <script>
              window.sent = [];
              window.holdAcks = {hold};
              // HtmlUnit allows 5,200,000 characters of values in a page's Storage: another app's key
              // takes nearly all of them, before the glue's preload.
              if ({fill}) localStorage.setItem('other:big', 'x'.repeat(5199000));
              // Registered before the glue's own listener, which connects: what was sent and heard by
              // the time the document was parsed. (Later, HtmlUnit may open the socket on another
              // thread while the page's listeners still run; browsers would wait for them.)
              document.addEventListener('DOMContentLoaded', function () {
                window.parsed = { events: window.events.length, sent: sent.length };
              });
              var realSend = WebSocket.prototype.send;
              WebSocket.prototype.send = function (text) {
                var frame = JSON.parse(text);
                sent.push(frame);
                if (frame.t === 'ack' && window.holdAcks) return;
                return realSend.call(this, text);
              };
            </script>
            {#browserStorage /}
            <script>
              window.atTag = { theme: localStorage.getItem('tagged:prefs.theme'), state: BrowserStorage.state() };
              window.events = [];
              window.changes = [];
              ['ready', 'batch', 'error'].forEach(function (name) {
                document.addEventListener('browser-storage:' + name, function (e) { events.push(name); });
              });
              BrowserStorage.onChange(function (change) { changes.push(change); });
            </script>
            </head><body>
            <input id="theme" data-storage="prefs.theme">
            <script>
              document.addEventListener('DOMContentLoaded', function () {
                window.atLoad = { field: document.getElementById('theme').value };
              });
              // The page changes the value after the preload, before its socket exists (the glue
              // connects once the document is parsed): the change frame has no socket to go out on,
              // and the hello's snapshot carries the value. Not in a DOMContentLoaded listener: there,
              // HtmlUnit may already have opened the socket on another thread and sent the hello.
              if ({edit}) BrowserStorage.set('tagged:prefs.theme', '"edited"');
            </script>
            </body></html>
            """;

    /** A page that starts the glue itself and hands it batches, with a listener registered before. */
    private static final String MANUAL = """
            <!DOCTYPE html>
            <html><head><title>manual</title>
            <script src="/_storage/storage.js"></script>
            <script>
              window.changes = [];
              BrowserStorage.onChange(function (change) { changes.push(change); });
              BrowserStorage.start({ app: 'tagged', pending: [
                { token: 'manual0001', writes: [{ area: 'local', key: 'tagged:prefs.theme', value: '"from-options"' }] },
                { token: 'manual0002', writes: [{ area: 'cookie', key: 'lang', value: 'en' }] },
                { token: 'manual0003', writes: [{ area: 'local', key: 'tagged:prefs.fontSize', value: '20' }] }] });
            </script>
            </head><body></body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "tagged",
            jar -> jar.addClasses(
                            Credentials.class, Pages.class, Eventually.class, ScriptErrors.class, BrowserTest.class)
                    .addAsResource(new StringAsset(TEMPLATE), "templates/pending.html")
                    .addAsResource(new StringAsset(MANUAL), "META-INF/resources/manual.html")
                    .addAsResource(
                            new StringAsset("<!DOCTYPE html><html><head>"
                                    + "<script src=\"/_storage/storage.js\" data-app=\"tagged\" data-pending=\"{not json\"></script>"
                                    + "</head><body></body></html>"),
                            "META-INF/resources/malformed.html")
                    .addAsResource(
                            new StringAsset("<!DOCTYPE html><html><body>seed</body></html>"),
                            "META-INF/resources/seed.html"));

    @TestHTTPResource("/")
    URL root;

    @Inject
    Browsers browsers;

    @Inject
    Pages pages;

    private final List<String> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listenForAlerts() {
        browser.setAlertHandler((page, message) -> alerts.add(message));
        pages.writes().clear();
    }

    @AfterEach
    void noAlerts() {
        assertThat(alerts).isEmpty();
    }

    @Test
    void aWriteInTheRequestShowsOnFirstPaintAndARenumberedDeliveryIsNotAppliedAgain() throws Exception {
        // The browser applied batches up to 41 from an earlier server session: the new session's
        // batch 1, rendered into the page under that provisional id, becomes 42 on hello.
        js(browser.getPage(url("seed.html")), "localStorage.setItem('tagged:__bs.applied', '41')");

        HtmlPage page = browser.getPage(url("theme?value=dark"));

        assertThat(page.getWebResponse().getResponseHeaderValue("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(page.getWebResponse().getContentAsString()).contains("data-pending=\"[{&quot;token&quot;:&quot;");
        assertThat(js(page, "atTag.theme"))
                .as("stored by the time the tag's script ran")
                .isEqualTo("\"dark\"");
        assertThat(js(page, "atTag.state")).isNotEqualTo("open");
        assertThat(js(page, "atLoad.field"))
                .as("the bound field on first paint")
                .isEqualTo("dark");
        assertThat(((Number) js(page, "parsed.events")).intValue()).isZero();
        assertThat(((Number) js(page, "parsed.sent")).intValue())
                .as("no frame before the document was parsed")
                .isZero();

        pages.writes().get(0).get(10, TimeUnit.SECONDS);
        waitUntil(() -> js(page, "localStorage.getItem('tagged:__bs.applied')").equals("42"));
        JsonArray sent = sent(page);
        assertThat(sent.getJsonObject(0).getJsonObject("local").getString("tagged:prefs.theme"))
                .isEqualTo("\"dark\"");
        assertThat(frames(sent, "ack")).extracting(ack -> ack.getLong("id")).containsExactly(42L);
        assertThat(frames(sent, "change"))
                .as("nothing changed since the page applied it")
                .isEmpty();
        assertThat(js(page, "events.join()"))
                .as("the socket did not apply it again")
                .isEqualTo("ready");
        assertThat(changes(page)).isEmpty();
        assertThat(((Number) js(page, "JSON.parse(localStorage.getItem('tagged:__bs.done')).length")).intValue())
                .isOne();
        Browser session = session();
        assertThat(session.readText(StorageArea.LOCAL, "tagged:prefs.theme")).contains("\"dark\"");
        assertThat(session.pendingBatchIds()).isEmpty();
    }

    @Test
    void anEditAfterThePreloadIsNotOverwrittenByASecondPageCarryingTheSameBatch() throws Exception {
        browser.getPage(url("seed.html"));
        // Acks held: the batch stays pending on the server while both pages load.
        HtmlPage first = browser.getPage(url("theme?value=dark&hold=true"));
        waitUntil(() -> !frames(sent(first), "ack").isEmpty());
        String token = session().link().pendingBatches().get(0).token();

        js(first, """
                var field = document.getElementById('theme');
                field.value = 'blue';
                field.dispatchEvent(new Event('change', { bubbles: true }));
                """);
        waitUntil(() -> !frames(sent(first), "change").isEmpty());

        WebWindow second = browser.openWindow(url("page"), "second");
        HtmlPage page = (HtmlPage) second.getEnclosedPage();

        assertThat(page.getWebResponse().getContentAsString())
                .as("the batch is still pending, so rendered")
                .contains("&quot;token&quot;:&quot;" + token + "&quot;");
        assertThat(js(page, "atLoad.field")).isEqualTo("blue");
        assertThat(js(page, "localStorage.getItem('tagged:prefs.theme')")).isEqualTo("\"blue\"");
        assertThat(changes(page)).isEmpty();
        pages.writes().get(0).get(10, TimeUnit.SECONDS);
        waitUntil(() -> session()
                .readText(StorageArea.LOCAL, "tagged:prefs.theme")
                .orElse("")
                .equals("\"blue\""));
        assertThat(session().pendingBatchIds()).isEmpty();
        open(page);
    }

    @Test
    void aValueChangedBeforeTheSocketDeliversTheBatchIsReportedAfterItsAck() throws Exception {
        browser.getPage(url("seed.html"));

        HtmlPage page = browser.getPage(url("theme?value=dark&edit=true"));

        pages.writes().get(0).get(10, TimeUnit.SECONDS);
        // The ack makes the server take the batch's value as the browser's: the change after it says otherwise.
        waitUntil(() -> session()
                .readText(StorageArea.LOCAL, "tagged:prefs.theme")
                .orElse("")
                .equals("\"edited\""));
        JsonArray sent = sent(page);
        assertThat(sent.getJsonObject(0).getJsonObject("local").getString("tagged:prefs.theme"))
                .isEqualTo("\"edited\"");
        assertThat(frames(sent, "change"))
                .extracting(change -> change.getString("value"))
                .containsExactly("\"edited\"");
        assertThat(sent.stream()
                        .map(frame -> ((JsonObject) frame).getString("t"))
                        .toList())
                .as("the change follows the ack")
                .containsSubsequence("ack", "change");
        assertThat(js(page, "localStorage.getItem('tagged:prefs.theme')")).isEqualTo("\"edited\"");
        open(page);
    }

    @Test
    void aValueWithMarkupIsRenderedAsTextAndStoredAsIs() throws Exception {
        String hostile = "</script><script>alert('x')</script>\"'&amp;<b>";
        browser.getPage(url("seed.html"));

        HtmlPage page = browser.getPage(url("theme?value=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8)));

        assertThat(page.getWebResponse().getContentAsString())
                .doesNotContain("<script>alert")
                .doesNotContain("<b>");
        assertThat(page.getElementsByTagName("script"))
                .as("the page's own scripts, no more")
                .hasSize(5);
        assertThat(page.getElementsByTagName("b")).isEmpty();
        assertThat(js(page, "atLoad.field")).isEqualTo(hostile);
        assertThat(js(page, "JSON.parse(localStorage.getItem('tagged:prefs.theme'))"))
                .isEqualTo(hostile);
        pages.writes().get(0).get(10, TimeUnit.SECONDS);
        open(page);
    }

    @Test
    void aPendingBatchThePageHasNoRoomForIsUndoneAndFailsThroughTheSocket() throws Exception {
        browser.getPage(url("seed.html"));

        HtmlPage page = browser.getPage(url("theme?fill=true&value=" + "r".repeat(2000)));

        assertThat(js(page, "atTag.theme")).as("the preload was undone").isNull();
        assertThat(js(page, "atLoad.field")).isEqualTo("light");
        assertThat(js(page, "localStorage.getItem('tagged:__bs.done')"))
                .as("and not recorded")
                .isNull();
        CompletableFuture<Void> write = pages.writes().get(0);
        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(QuotaExceededException.class);
        JsonObject fail = frames(sent(page), "fail").get(0);
        assertThat(fail.getString("error")).isEqualTo("quota");
        assertThat(fail.getString("key")).isEqualTo("tagged:prefs.theme");
        assertThat(session().readText(StorageArea.LOCAL, "tagged:prefs.theme"))
                .as("taken back on the server")
                .isEmpty();
        assertThat(session().pendingBatchIds()).isEmpty();
        js(page, "localStorage.removeItem('other:big')");
    }

    @Test
    void aTabsBatchRenderedIntoAnotherTabsPageIsNotAppliedThere() throws Exception {
        HtmlPage first = browser.getPage(url("page?hold=true"));
        waitUntil(() -> js(first, "events.join()").equals("ready"));
        String tabId = (String) js(first, "BrowserStorage.tabId()");
        Tab tab = session().findTab(tabId).orElseThrow();
        tab.write(List.of(Write.set(StorageArea.SESSION, "tagged:draft.text", "\"only the first tab's\"")));
        waitUntil(() -> !frames(sent(first), "ack").isEmpty());
        assertThat(tab.pendingBatchIds()).as("its ack held back").hasSize(1);

        // The cookie __bs_tab still names the first tab, so the request is taken for one of its.
        HtmlPage other = (HtmlPage) browser.openWindow(url("page"), "other").getEnclosedPage();

        assertThat(other.getWebResponse().getContentAsString()).contains("&quot;tab&quot;:&quot;" + tabId + "&quot;");
        assertThat(js(other, "BrowserStorage.tabId()")).isNotEqualTo(tabId);
        assertThat(js(other, "sessionStorage.getItem('tagged:draft.text')")).isNull();
        assertThat(js(first, "sessionStorage.getItem('tagged:draft.text')")).isEqualTo("\"only the first tab's\"");
        open(other);
    }

    @Test
    void aBrowserWithNothingPendingGetsThePlainTagsAndMayBeCached() throws Exception {
        browser.getPage(url("seed.html"));

        HtmlPage page = browser.getPage(url("page"));

        assertThat(page.getWebResponse().getContentAsString())
                .contains("<script src=\"/_storage/storage.js\" data-app=\"tagged\"></script>\n"
                        + "<script src=\"/_storage/stores.global.js\"></script>");
        assertThat(page.getWebResponse().getResponseHeaderValue("Cache-Control"))
                .isNull();
        open(page);
    }

    @Test
    void pendingBatchesGivenToStartApplyInOrderUpToACookieAndNotifyListeners() throws Exception {
        HtmlPage page = browser.getPage(url("manual.html"));

        assertThat(js(page, "localStorage.getItem('tagged:prefs.theme')")).isEqualTo("\"from-options\"");
        assertThat(js(page, "localStorage.getItem('tagged:prefs.fontSize')"))
                .as("after the cookie batch: left to the socket")
                .isNull();
        JsonArray changes = changes(page);
        assertThat(changes).hasSize(1);
        assertThat(changes.getJsonObject(0).getString("source")).isEqualTo("server");
        assertThat(changes.getJsonObject(0).getString("value")).isEqualTo("\"from-options\"");
        assertThat(js(page, "localStorage.getItem('tagged:__bs.done')")).isEqualTo("[\"manual0001\"]");

        open(page);
        HtmlPage again = browser.getPage(url("manual.html"));
        assertThat(changes(again)).as("a token already applied is skipped").isEmpty();
        open(again);
    }

    @Test
    void malformedPendingBatchesAreIgnoredAndTheGlueStillStarts() throws Exception {
        HtmlPage page = browser.getPage(url("malformed.html"));

        open(page);
        assertThat(js(page, "BrowserStorage.app()")).isEqualTo("tagged");
    }

    /** Writes the theme in the request, then renders the page; or renders it alone. */
    @ApplicationScoped
    public static class Pages {
        private final List<CompletableFuture<Void>> writes = new CopyOnWriteArrayList<>();

        @Inject
        Template pending;

        @Inject
        PrefsStore prefs;

        /** The stages of the writes the routes made; a method, since the test holds a client proxy. */
        List<CompletableFuture<Void>> writes() {
            return writes;
        }

        @Route(path = "/theme", methods = Route.HttpMethod.GET)
        void theme(RoutingContext context) {
            writes.add(prefs.setTheme(context.request().getParam("value")).toCompletableFuture());
            page(context);
        }

        @Route(path = "/page", methods = Route.HttpMethod.GET)
        void page(RoutingContext context) {
            context.response()
                    .putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(pending.data("hold", "true".equals(context.request().getParam("hold")))
                            .data("fill", "true".equals(context.request().getParam("fill")))
                            .data("edit", "true".equals(context.request().getParam("edit")))
                            .render());
        }
    }

    private URL url(String path) throws Exception {
        return new URL(root, path);
    }

    private Browser session() {
        return browsers.find(Credentials.id(
                        browser.getCookieManager().getCookie(Credentials.COOKIE).getValue()))
                .orElseThrow();
    }

    /** Waits for the page's socket to be open, so that closing the browser interrupts no handshake. */
    private static void open(HtmlPage page) throws InterruptedException {
        waitUntil(
                () -> "open".equals(js(page, "BrowserStorage.state()")),
                () -> "the glue is " + js(page, "BrowserStorage.state()") + ", events " + js(page, "events.join()"));
    }

    private static Object js(HtmlPage page, String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }

    private static JsonArray sent(HtmlPage page) {
        return new JsonArray((String) js(page, "JSON.stringify(sent)"));
    }

    private static JsonArray changes(HtmlPage page) {
        return new JsonArray((String) js(page, "JSON.stringify(changes)"));
    }

    private static List<JsonObject> frames(JsonArray sent, String type) {
        return sent.stream()
                .map(JsonObject.class::cast)
                .filter(frame -> type.equals(frame.getString("t")))
                .toList();
    }
}
