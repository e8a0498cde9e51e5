package dev.browserstorage.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of browser-storage, under {@code quarkus.browser-storage}. */
@ConfigMapping(prefix = "quarkus.browser-storage")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface BrowserStorageConfig {

    /**
     * The app's id: the prefix of every localStorage and sessionStorage key ({@code <app>:...}).
     * Letters, digits, {@code _}, {@code -} and {@code .}. Default: {@code quarkus.application.name}.
     *
     * @return the app id
     */
    Optional<String> appId();

    /**
     * The largest one localStorage or sessionStorage value may be, in UTF-8 bytes. Default 1 MiB.
     *
     * @return the limit
     */
    @WithDefault("1048576")
    long maxValueBytes();

    /**
     * The most the app may keep in one area, keys and values together, in UTF-16 code units (as
     * browsers count it). Default 5 Mi units.
     *
     * @return the budget
     */
    @WithDefault("5242880")
    long maxAreaUnits();

    /**
     * The most writes that may wait for one browser's acknowledgement, connected or not. Default 1000.
     *
     * @return the bound
     */
    @WithDefault("1000")
    int maxPendingWrites();

    /**
     * The most tabs one browser may have at once, each with its own sessionStorage; a new tab over
     * the limit drops the disconnected tab idle longest. Default 32.
     *
     * @return the bound
     */
    @WithDefault("32")
    int maxTabs();

    /**
     * The most characters of batch frames that may wait in one sync connection's send buffers. A
     * browser that does not read its frames (a stalled network, a hostile client) is disconnected
     * when one more frame would pass it, instead of growing the server's memory; its writes stay
     * pending and are sent again when it reconnects. One frame is always let through. Default 16 Mi.
     *
     * @return the bound
     */
    @WithDefault("16777216")
    long maxUnsentChars();

    /**
     * The most frames one sync connection may send per second, on average. A connection over it
     * gets an {@code error} frame with code {@code rate} and is closed with 4429; the glue
     * reconnects with backoff and its {@code hello} carries everything again, so nothing is lost.
     * Default 1000.
     *
     * @return the rate
     */
    @WithDefault("1000")
    int maxMessagesPerSecond();

    /**
     * The most frames one sync connection may send at once after a rest: the glue answers a burst
     * of batches with a burst of {@code ack}s, which must fit. Default 5000.
     *
     * @return the burst
     */
    @WithDefault("5000")
    int maxMessageBurst();

    /**
     * The most sync connections one browser id may hold open at once (one per tab, and a tab's old
     * connection while it reconnects). One more is closed with 4409 at once. Default 64.
     *
     * @return the bound
     */
    @WithDefault("64")
    int maxConnectionsPerBrowser();

    /**
     * Origins (such as {@code https://app.example.com}) allowed to open the sync WebSocket besides
     * the server's own. Default: none, only the page's own origin.
     *
     * @return the extra origins
     */
    Optional<List<String>> allowedOrigins();

    /**
     * How long a browser's server-side session is kept after its last connection closed; writes
     * made meanwhile wait for it. Default 30 minutes.
     *
     * @return the timeout
     */
    @WithDefault("30M")
    Duration idleTimeout();

    /**
     * How long the session of a browser that never connected is kept: one an HTTP request made for a
     * browser id the server had just issued (a first visit, a client that ignores cookies). A browser
     * that loads a page with the glue in that time connects and gets the writes made for it; otherwise
     * its session is dropped and the stages of those writes fail with {@code DisconnectedException}, so
     * that requests without cookies cannot pile up sessions. At most {@link #idleTimeout()}. Default 2
     * minutes.
     *
     * @return the timeout
     */
    @WithDefault("2M")
    Duration unclaimedTimeout();

    /**
     * The name of the cookie that carries the browser's id (HttpOnly, SameSite=Lax). Default
     * {@code __bs_id}.
     *
     * @return the cookie name
     */
    @WithDefault("__bs_id")
    String browserIdCookie();

    /**
     * The key that signs the commit URLs of HttpOnly cookies written over the sync socket
     * (HMAC-SHA256), at least 32 bytes. Set the same key on every node when a browser's socket and
     * its HTTP requests may reach different nodes. Default: a random key per process.
     *
     * @return the key
     */
    Optional<String> cookieCommitKey();

    /**
     * How long a commit URL of an HttpOnly cookie written over the sync socket stays valid; the glue
     * uses it at once, and a batch sent again after a reconnect carries a fresh one. Default 60
     * seconds.
     *
     * @return the lifetime
     */
    @WithDefault("60S")
    Duration cookieCommitTtl();

    /**
     * Whether, in dev and test mode, cookies written to a page served over plain {@code http} from a
     * loopback host ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) drop their Secure flag, so
     * that browsers which do not count {@code http://localhost} as secure (Safari) keep them.
     * Cookies whose rules need Secure ({@code __Host-}, {@code __Secure-}, {@code SameSite=None},
     * Partitioned) keep it. Ignored, with a warning, in production. Default {@code false}: Secure
     * everywhere.
     *
     * @return whether the development allowance is on
     */
    @WithDefault("false")
    boolean insecureLocalhostCookies();
}
