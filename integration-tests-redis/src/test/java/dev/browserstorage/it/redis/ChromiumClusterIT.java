package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.demo.chromium.Chromium;
import dev.browserstorage.demo.chromium.ChromiumInstallation;
import dev.browserstorage.demo.chromium.RequiresChromium;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The scale-out in a real browser (issue #16): Chromium opens the demo's settings page through
 * HAProxy, so the page's origin is the balancer's and its socket lands on whichever node the
 * balancer picks (Chromium's own log of the handshake says which: {@code X-Node}). Writes and
 * reads go straight to a node with the browser's cookie, as another request of the browser that the
 * balancer sent elsewhere.
 */
@RequiresChromium
class ChromiumClusterIT extends ClusterTestBase {
    private static final String ID_COOKIE = Http.ID_COOKIE;
    private static final String DARK = jsonText("DARK");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /**
     * After a kill -9 the page's glue retries with its backoff; a node takes the browser over once the
     * dead node's mark expires (node-timeout, 6 s).
     */
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(40);
    /** How long the page's script is kept busy in (3): the batch arrives, the node dies, then the glue runs. */
    private static final long BUSY_MILLIS = 6000;
    /** How long the write is given to reach Chromium's socket on the holder before it is killed. */
    private static final long DELIVERY_MILLIS = 2500;

    private static Chromium chromium;
    private static final ChromiumSockets sockets = new ChromiumSockets();

    @BeforeEach
    void freshChromium() {
        if (chromium == null) {
            chromium = Chromium.start(ChromiumInstallation.configured(), ChromiumSockets::enable);
        } else {
            chromium.forget(origin());
        }
        sockets.reset(chromium.driver());
    }

    @AfterAll
    static void quitChromium() {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /**
     * (1) A write made through the REST API on the node that does not hold the page's socket shows in
     * the page, and answers 200 once the browser stored it.
     */
    @Test
    void aWriteOnTheOtherNodeShowsInThePageOpenedThroughTheBalancer() {
        AppNode holder = openSettingsThroughTheBalancer();
        AppNode other = otherThan(holder);

        Http.Answer written = Http.await(
                Http.post(other.url(), "api/prefs", "{\"theme\":\"DARK\",\"language\":\"de\"}", credential()));

        assertThat(written.status())
                .as("the write on %s, the page's socket on %s: %s", other.name(), holder.name(), written)
                .isEqualTo(200);
        assertThat(localStorage(THEME))
                .as("Chromium stored the theme before the write on %s answered", other.name())
                .isEqualTo(DARK);
        assertThat(localStorage("demo:prefs.language")).isEqualTo(jsonText("de"));
        awaitPage("return document.getElementById('theme').value", "DARK");
        awaitPage("return document.body.className", "theme-dark");
        awaitPage("return document.querySelector('h1').textContent", "Einstellungen");
        for (AppNode node : List.of(node1, node2)) {
            Http.Answer read = Http.get(node.url(), "api/prefs", credential());
            assertThat(read.json().path("theme").asText())
                    .as("read on %s: %s", node.name(), read)
                    .isEqualTo("DARK");
        }
    }

    /** (2) The user picks a theme and types a font size in the page: a read on each node returns them. */
    @Test
    void whatTheUserChangesInThePageIsReadOnEachNode() {
        AppNode holder = openSettingsThroughTheBalancer();

        new Select(chromium.driver().findElement(By.id("theme"))).selectByValue("DARK");
        WebElement fontSize = chromium.driver().findElement(By.id("font-size"));
        fontSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "18", Keys.TAB);
        awaitPage("return localStorage.getItem('" + FONT_SIZE + "')", "18");
        assertThat(localStorage(THEME)).isEqualTo(DARK);

        for (AppNode node : List.of(node1, node2)) {
            Http.Answer[] last = new Http.Answer[1];
            Waits.until(
                    node.name() + " reads the theme and font size the user set in the page (socket on " + holder.name()
                            + "); last read: " + last[0],
                    READ_TIMEOUT,
                    () -> {
                        last[0] = Http.get(node.url(), "api/prefs", credential());
                        return last[0].status() == 200
                                && "DARK".equals(last[0].json().path("theme").asText())
                                && last[0].json().path("fontSize").asInt() == 18;
                    });
        }
    }

    /**
     * (3) A write made on the other node has reached Chromium's socket, but the page's script is busy
     * and has not applied it, when the node holding the socket is killed (kill -9). The glue then
     * reconnects by itself through the balancer, the surviving node takes the browser over, the write
     * lands in the page once, and its REST call answers 200.
     */
    @Test
    void thePageReconnectsByItselfWhenTheNodeHoldingItsSocketIsKilledAndTheWaitingWriteLandsOnce() {
        AppNode holder = openSettingsThroughTheBalancer();
        AppNode other = otherThan(holder);
        ChromiumSockets.Socket first = sockets.newestAnswered(chromium.driver()).orElseThrow();
        long batchesBefore = batchesApplied();
        String credential = credential();

        // A busy page: from `busyFrom` on its script runs nothing else for a while, so what arrives on its
        // socket waits. (Chromium's driver answers nothing while the page is busy either: the test
        // does not ask it anything until the page is free again.)
        long busyFrom = System.currentTimeMillis() + 500;
        chromium.js(
                "const from = arguments[0], busy = arguments[1];"
                        + " setTimeout(() => { const end = from + busy; while (Date.now() < end) {} },"
                        + " Math.max(0, from - Date.now()));",
                busyFrom,
                BUSY_MILLIS);
        assertThat(System.currentTimeMillis())
                .as("the driver returned before the page got busy")
                .isLessThan(busyFrom);
        Waits.sleep(busyFrom + 200 - System.currentTimeMillis());
        CompletableFuture<Http.Answer> write = Http.post(other.url(), "api/prefs", "{\"theme\":\"DARK\"}", credential);
        // The batch reaches Chromium's socket on the holder in well under a second (checked below,
        // from Chromium's log, once the page is free).
        Waits.sleep(DELIVERY_MILLIS);
        assertThat(answeredYet(write))
                .as("the write waits: the busy page has not applied it")
                .isEmpty();

        holder.kill9();
        assertThat(System.currentTimeMillis())
                .as("%s was killed while the page was still busy", holder.name())
                .isLessThan(busyFrom + BUSY_MILLIS);
        assertThat(answeredYet(write))
                .as("the write still waits after %s died", holder.name())
                .isEmpty();

        Http.Answer written = answerWithin(
                write, TAKEOVER_TIMEOUT, "the write on " + other.name() + " after " + holder.name() + " was killed");
        assertThat(written.status())
                .as("the write on %s: %s", other.name(), written)
                .isEqualTo(200);

        awaitSync(TAKEOVER_TIMEOUT);
        List<ChromiumSockets.Socket> seen = sockets.read(chromium.driver());
        assertThat(seen.get(seen.indexOf(first)))
                .as("the batch had reached Chromium's socket on %s before it closed: %s", holder.name(), seen)
                .matches(s -> s.received("\"t\":\"batch\"") && s.closed);
        ChromiumSockets.Socket now = sockets.newestAnswered(chromium.driver()).orElseThrow();
        assertThat(now.requestId)
                .as("the glue opened a new socket itself: %s", sockets.read(chromium.driver()))
                .isNotEqualTo(first.requestId);
        assertThat(now.node())
                .as("the new socket went through the balancer to the surviving node")
                .contains(other.name());
        assertThat(localStorage(THEME)).isEqualTo(DARK);
        awaitPage("return document.getElementById('theme').value", "DARK");
        assertThat(batchesApplied() - batchesBefore)
                .as("the write landed in the page once (batches the glue applied; one delivered again is skipped)")
                .isEqualTo(1);
        Http.Answer read = Http.get(other.url(), "api/prefs", credential);
        assertThat(read.json().path("theme").asText())
                .as("read on %s: %s", other.name(), read)
                .isEqualTo("DARK");
        assertThat(credential()).as("the browser kept its id").isEqualTo(credential);
    }

    /**
     * Opens the settings page at the balancer's URL, waits until its glue has the welcome, and finds
     * where its socket went.
     *
     * @return the node that holds the page's socket
     */
    private static AppNode openSettingsThroughTheBalancer() {
        chromium.driver().get(balancer.url().toString());
        awaitSync(Chromium.TIMEOUT);
        ChromiumSockets.Socket socket = chromium.waitUntil(
                "Chromium logs the answer to the page's socket handshake, with X-Node",
                driver -> sockets.newestAnswered(chromium.driver()).orElse(null));
        String name = socket.node().orElseThrow();
        for (AppNode node : List.of(node1, node2)) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("the socket went to an unknown node: " + socket);
    }

    private static void awaitSync(Duration timeout) {
        chromium.waitUntil(
                "the page's glue gets the server's welcome",
                timeout,
                driver -> Boolean.TRUE.equals(
                        chromium.js("return window.__ready === true && BrowserStorage.state() === 'open'")));
    }

    private static void awaitPage(String script, Object expected) {
        chromium.waitUntil("`" + script + "` to be " + expected, driver -> expected.equals(chromium.js(script)));
    }

    private static AppNode otherThan(AppNode node) {
        return node == node1 ? node2 : node1;
    }

    private static String origin() {
        return "http://" + balancer.url().getAuthority();
    }

    /** @return the browser's credential (its cookie is HttpOnly, so read through the driver) */
    private static String credential() {
        Cookie cookie = chromium.driver().manage().getCookieNamed(ID_COOKIE);
        if (cookie == null) {
            throw new AssertionError("Chromium holds no " + ID_COOKIE + " cookie");
        }
        return cookie.getValue();
    }

    private static String localStorage(String key) {
        return (String) chromium.js("return localStorage.getItem(arguments[0])", key);
    }

    /** @return the batches the glue applied in this page (the demo counts its browser-storage:batch events) */
    private static long batchesApplied() {
        return ((Number) chromium.js("return window.__batches")).longValue();
    }
}
