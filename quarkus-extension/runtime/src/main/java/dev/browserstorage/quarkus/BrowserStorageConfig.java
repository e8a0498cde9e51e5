package dev.browserstorage.quarkus;

import dev.browserstorage.store.NewerVersionPolicy;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
     * Answers the server asked for are not counted: the {@code ack} or {@code fail} of each batch
     * sent to the connection, once, so a page may be written to faster than this. Default 1000.
     *
     * @return the rate
     */
    @WithDefault("1000")
    int maxMessagesPerSecond();

    /**
     * The most frames one sync connection may send at once after a rest, such as a burst of the
     * user's edits. Answers the server asked for are not counted ({@link #maxMessagesPerSecond()}).
     * Default 5000.
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
     * How long the server keeps its copy of a browser after its last connection closed; writes
     * made meanwhile wait for it. A browser that never made an HTTP request (one whose id its
     * socket's handshake issued, and no request has carried since) is dropped as soon as its last
     * connection closes: a client that only opens sockets cannot make the server keep anything.
     * Default 30 minutes.
     *
     * @return the timeout
     */
    @WithDefault("30M")
    Duration idleTimeout();

    /**
     * How long the server keeps its copy of a browser that never connected: one an HTTP request made for a
     * browser id the server had just issued (a first visit, a client that ignores cookies). A browser
     * that loads a page with the glue in that time connects and gets the writes made for it; otherwise
     * it is dropped and the stages of those writes fail with {@code DisconnectedException}, so
     * that requests without cookies cannot pile up browsers. At most {@link #idleTimeout()}. Default 2
     * minutes.
     *
     * @return the timeout
     */
    @WithDefault("2M")
    Duration unclaimedTimeout();

    /**
     * The name of the cookie that carries the browser's credential (HttpOnly, SameSite=Lax, Path=/),
     * on plain-HTTP pages; on secure pages (a TLS request, or one a trusted proxy forwarded as
     * {@code https}: see Quarkus' {@code quarkus.http.proxy.*}) the cookie is {@code __Host-<name>},
     * Secure, which no other subdomain and no plain-HTTP page can set. Letters, digits, {@code _}
     * and {@code -}. Default {@code bs_id}.
     *
     * @return the cookie name
     */
    @WithDefault("bs_id")
    String browserIdCookie();

    /**
     * The key that tags browser credentials (HMAC-SHA256), at least 32 bytes: a browser-id cookie
     * whose tag does not match is not one this server issued, and is replaced. Set the same key on
     * every node when a browser's requests may reach different nodes; changing it gives every
     * browser a new id. Default: a random key per process.
     *
     * @return the key
     */
    Optional<String> browserIdKey();

    /**
     * The most browsers the server keeps a copy of. A new browser over it takes the place of
     * the disconnected one idle longest; when every one is connected, its socket is closed with
     * 1013 (try again later) and a store used for it in an HTTP request throws {@code
     * StorageUnavailableException}. Default 100000.
     *
     * @return the bound
     */
    @WithDefault("100000")
    int maxBrowsers();

    /**
     * The most characters of browser snapshots (the {@code hello} frames that hydrate the server's copies) the
     * server keeps for all browsers together. A {@code hello} that would pass it makes room by
     * dropping the disconnected browsers idle longest; if that is not enough it is refused and the
     * socket closed with 1013 (try again later). Default 128 Mi characters.
     *
     * @return the bound
     */
    @WithDefault("134217728")
    long maxHeldSnapshotChars();

    /**
     * How long a sync socket may stay open without sending its {@code hello}. Past it the socket is
     * closed with 4400. Default 10 seconds.
     *
     * @return the deadline
     */
    @WithDefault("10S")
    Duration helloTimeout();

    /**
     * The most sync connections one client address may hold open at once (the address as Quarkus
     * resolves it: behind a proxy, set {@code quarkus.http.proxy.proxy-address-forwarding} and
     * {@code quarkus.http.proxy.trusted-proxies} so that it is the client's, not the proxy's). One
     * more is closed with 4409. Default 256.
     *
     * @return the bound
     */
    @WithDefault("256")
    int maxConnectionsPerAddress();

    /**
     * The most commit URLs of HttpOnly cookies that may wait to be used for one browser. Past it the
     * browser's oldest waiting URL is given up (its write gets a fresh one when it is sent again), so
     * one browser can never use up another's. Default 32.
     *
     * @return the bound
     */
    @WithDefault("32")
    int maxCookieCommitsPerBrowser();

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

    /**
     * The keys that seal {@code @Signed} and {@code @Encrypted} values ({@code docs/protected.md}), by
     * key id: {@code quarkus.browser-storage.keys."<id>"=<base64 of at least 32 random bytes>}. An id
     * is 1 to 8 of letters, digits, {@code _} and {@code -}, and is written into every value the key
     * seals. The key named by {@link #sealingKey()} seals; every key opens, and a value opened with
     * another one is sealed again with the sealing key when its browser connects: to rotate, add the
     * new key, make it the sealing key, and remove the old one once its values had time to be
     * re-sealed. Set the same keys on every node. Default: none; then, with the Redis module, a
     * random key shared through Redis; alone, a random key per process (kept across live reloads in
     * dev mode), with a warning in production when the app has protected fields.
     *
     * @return the keys by id
     */
    Map<String, String> keys();

    /**
     * The id of the key in {@link #keys()} that seals new values; the others only open. Required
     * when there is more than one key; the only key otherwise.
     *
     * @return the sealing key's id
     */
    Optional<String> sealingKey();

    /**
     * What the server does with a store whose values a newer version of the app wrote (after a
     * rollback deploy): {@code keep} leaves them untouched for that version (the store reads its
     * defaults and refuses writes), {@code reset} removes them when the browser connects. Default
     * {@code keep}.
     *
     * @return the policy
     */
    @WithDefault("keep")
    NewerVersionPolicy newerVersions();
}
