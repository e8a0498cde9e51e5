package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserBuilder;
import dev.browserstorage.browser.HttpOnlyCommits;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.AloneSharing;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The server-side sessions of the browsers of this app (internal: applications use
 * {@code Browsers}), by the browser's public id. A session lives
 * while its browser is connected, and {@link BrowserStorageConfig#idleTimeout()} after that; one whose
 * browser never connected lives {@link BrowserStorageConfig#unclaimedTimeout()}; one whose browser
 * never made an HTTP request is dropped when its last connection closes.
 *
 * <p>What anonymous clients can make it hold is bounded: at most {@link
 * BrowserStorageConfig#maxBrowsers()} sessions and {@link BrowserStorageConfig#maxHeldSnapshotChars()}
 * characters of snapshots, making room by dropping the disconnected sessions idle longest.
 *
 * <p>A browser's public id (what {@link #find} takes) is not its credential: the cookie carries
 * the id with a tag only the server can make. A session's {@link Browser#browserId()} is
 * neither: it is a random label, for log lines and messages, that tells nothing about the cookie.
 */
@ApplicationScoped
public class BrowserRegistry {
    private static final Logger LOG = Logger.getLogger(BrowserRegistry.class);
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    /** Ids rotated away, until the idle timeout: a credential for one of them gets a fresh id. */
    private final ConcurrentHashMap<String, Instant> retired = new ConcurrentHashMap<>();

    private final AtomicLong heldChars = new AtomicLong();
    private final BrowserStorageConfig config;
    private final String appId;
    private final StorageLimits limits;
    private final Clock clock = Clock.systemUTC();

    private final CookieHeaderBudget cookieHeaderBudget;
    private final HttpOnlyCommits httpOnlyCommits;
    private final boolean insecureLocalhostCookies;
    /** The extension's own cookies, which application code may not write. */
    private final Set<String> reservedCookies;
    /** How this node shares its browsers with the app's other nodes (alone by default). */
    private final BrowserSharing sharing;
    /** The key ring and the upkeep of the app's stores; {@code null} outside CDI. */
    private final StoreServices services;

    /**
     * Sessions with Quarkus' default request-header limit and no commit URLs (HttpOnly cookies then
     * only in HTTP requests), for use outside CDI.
     */
    public BrowserRegistry(BrowserStorageConfig config, Optional<String> appName) {
        this(config, appName, "20K", null, Set.of(), new AloneSharing(), null);
    }

    @Inject
    BrowserRegistry(
            BrowserStorageConfig config,
            @ConfigProperty(name = "quarkus.application.name") Optional<String> appName,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") String maxHeaderSize,
            CookieCommits httpOnlyCommits,
            BrowserIds ids,
            BrowserSharing sharing,
            StoreServices services) {
        this(config, appName, maxHeaderSize, httpOnlyCommits, ids.reservedNames(), sharing, services);
    }

    private BrowserRegistry(
            BrowserStorageConfig config,
            Optional<String> appName,
            String maxHeaderSize,
            HttpOnlyCommits httpOnlyCommits,
            Set<String> reservedCookies,
            BrowserSharing sharing,
            StoreServices services) {
        this.reservedCookies = reservedCookies;
        this.sharing = sharing;
        this.services = services;
        // A browser whose cookies pass the server's header limit gets 431 for every later request.
        this.cookieHeaderBudget = CookieHeaderBudget.under(
                new MemorySizeConverter().convert(maxHeaderSize).asLongValue());
        this.httpOnlyCommits = httpOnlyCommits;
        this.insecureLocalhostCookies =
                config.insecureLocalhostCookies() && LaunchMode.current().isDevOrTest();
        if (config.insecureLocalhostCookies() && !insecureLocalhostCookies) {
            LOG.warn("quarkus.browser-storage.insecure-localhost-cookies is ignored outside dev and test mode:"
                    + " cookies stay Secure");
        }
        this.config = config;
        this.appId = config.appId().or(() -> appName).orElse("app");
        if (!APP_ID.matcher(appId).matches()) {
            throw new IllegalStateException("quarkus.browser-storage.app-id '" + appId
                    + "' cannot prefix storage keys: use letters, digits, '_', '-' and '.'");
        }
        this.limits = new StorageLimits(
                config.maxValueBytes(), config.maxAreaUnits(), config.maxPendingWrites(), config.maxTabs());
    }

    void scheduleEviction(@Observes StartupEvent event, Vertx vertx) {
        long period = Math.max(1000, Math.min(60_000, unclaimedTimeout().toMillis() / 2));
        vertx.setPeriodic(period, id -> evictIdle(clock.instant()));
    }

    /** @return the app's id, the prefix of its storage keys */
    public String appId() {
        return appId;
    }

    /**
     * The session of a browser, made if it has none yet (not hydrated until its glue connects).
     *
     * @param browserId the browser's public id
     * @return its session
     * @throws StorageUnavailableException if the server holds {@link BrowserStorageConfig#maxBrowsers()}
     *     sessions, all of them connected
     */
    public Browser browser(String browserId) {
        Browser browser = open(browserId, false).browser();
        sharing.browserReached(browserId, browser);
        return browser;
    }

    /**
     * The entry of a browser, made if it has none yet.
     *
     * @param browserId the browser's public id
     * @param anonymous true when the browser's id was just issued by a socket's handshake: it has
     *     made no HTTP request, and is dropped when its last connection closes
     */
    Entry open(String browserId, boolean anonymous) {
        Entry entry = byId.get(browserId);
        if (entry == null) {
            makeRoomFor(1, 0);
            Entry made = new Entry(browserId, anonymous);
            entry = byId.putIfAbsent(browserId, made);
            if (entry == null) {
                entry = made;
            }
        }
        entry.lastSeen = clock.instant();
        return entry;
    }

    /**
     * A copy of a browser built as the registry builds its own (limits, cookie rules, commit URLs,
     * the key ring of protected values), but not held by it: for the scale-out module, whose node
     * that owns a browser keeps the copy its sockets drive apart from the one the app's code reads
     * and writes. Nothing runs when it is hydrated: the module runs the {@linkplain
     * StoreServices#upkeep() upkeep} where its writes reach every node.
     *
     * @param publicId the browser's public id
     * @return a new, unhydrated copy
     */
    public Browser newCopy(String publicId) {
        return builder(publicId).build();
    }

    /**
     * A copy the registry holds. Alone, the stores' upkeep runs each time it is hydrated (a socket's
     * hello); a shared copy is hydrated from the state the nodes share, where the owner of the
     * browser has run the upkeep ({@link #newCopy}).
     */
    private Browser newBrowser(String publicId) {
        BrowserBuilder builder = builder(publicId);
        if (services != null && !sharing.isShared()) {
            builder.afterHydrate(services.upkeep());
        }
        return builder.build();
    }

    private BrowserBuilder builder(String publicId) {
        BrowserBuilder builder = Browser.builder(sharing.label(publicId), appId)
                .limits(limits)
                .clock(clock)
                .cookieHeaderBudget(cookieHeaderBudget)
                .insecureLocalhostCookies(insecureLocalhostCookies)
                .reservedCookieNames(reservedCookies);
        if (httpOnlyCommits != null) {
            builder.httpOnlyCommits(httpOnlyCommits);
        }
        if (services != null) {
            services.protect(builder);
        }
        return builder;
    }

    /**
     * The session of a browser, if it has one.
     *
     * @param browserId the browser's public id
     * @return its session
     */
    public Optional<Browser> find(String browserId) {
        Entry entry = byId.get(browserId);
        if (entry == null) {
            return Optional.empty();
        }
        Browser browser = entry.browser();
        sharing.browserReached(browserId, browser);
        return Optional.of(browser);
    }

    /**
     * The public ids of the browsers held now: for the scale-out module, which reads their shared
     * state again after Redis comes back.
     *
     * @return a copy
     */
    public Set<String> publicIds() {
        return Set.copyOf(byId.keySet());
    }

    /**
     * The copy of a browser, if this node holds one, without telling the sharing that the app
     * reached it: for the scale-out module's own bookkeeping.
     *
     * @param browserId the browser's public id
     * @return its copy
     */
    public Optional<Browser> peek(String browserId) {
        Entry entry = byId.get(browserId);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.made());
    }

    /** @return how many browsers have a session */
    public int size() {
        return byId.size();
    }

    /** @return how many characters of snapshots the sessions hold, as their hellos counted them */
    public long heldSnapshotChars() {
        return heldChars.get();
    }

    /**
     * Every session held now, for tools that show them (the Dev UI). Without the browsers' public
     * ids: a session is told apart by its {@link Browser#browserId() label}.
     *
     * @return a copy, by label
     */
    public List<Held> held() {
        List<Held> held = new ArrayList<>();
        byId.values().forEach(entry -> {
            Browser browser = entry.made();
            if (browser != null) {
                held.add(new Held(browser, entry.lastSeen));
            }
        });
        held.sort(Comparator.comparing(one -> one.browser().browserId()));
        return held;
    }

    /**
     * One held session.
     *
     * @param browser the browser
     * @param lastSeen when the browser last connected or made an HTTP request
     */
    public record Held(Browser browser, Instant lastSeen) {}

    /**
     * An HTTP request carried a browser's id: the browser is no longer anonymous.
     *
     * @param browserId the browser's public id
     */
    void sawHttpRequest(String browserId) {
        Entry entry = byId.get(browserId);
        if (entry != null) {
            entry.anonymous = false;
            entry.lastSeen = clock.instant();
        }
    }

    /**
     * Makes room for a {@code hello} of a browser before it is read, and counts it as held.
     *
     * @param entry the browser's entry
     * @param chars the hello's length
     * @return false if there is no room even after dropping every disconnected idle session
     */
    boolean admitSnapshot(Entry entry, long chars) {
        long grown = Math.max(0, chars - entry.heldChars);
        if (!makeRoomFor(0, grown)) {
            return false;
        }
        synchronized (entry) {
            long before = entry.heldChars;
            entry.heldChars = Math.max(before, chars);
            heldChars.addAndGet(entry.heldChars - before);
        }
        return true;
    }

    /**
     * A connection of a browser closed: a browser that never made an HTTP request goes with it.
     *
     * @param browserId the browser's public id
     */
    void connectionClosed(String browserId) {
        Entry entry = byId.get(browserId);
        if (entry != null) {
            entry.sockets.decrementAndGet();
        }
        if (entry != null && entry.anonymous && !isBusy(entry)) {
            drop(browserId, entry, "its anonymous browser disconnected");
        }
    }

    /** Whether an id was rotated away, so that a credential for it must not be accepted. */
    boolean isRetired(String browserId) {
        return retired.containsKey(browserId);
    }

    /**
     * Moves a browser's session to a new id; the old id is refused from now on.
     *
     * @param oldId the browser's current public id
     * @param newId its new public id
     * @return the session, if the browser had one
     */
    Optional<Browser> rekey(String oldId, String newId) {
        retired.put(oldId, clock.instant());
        if (retired.size() > config.maxBrowsers()) {
            // A login endpoint hit in a loop must not grow this without bound. Forgetting a retired id
            // only lets its old credential in again as a fresh, empty browser, never as the rotated one.
            Instant oldest =
                    retired.values().stream().min(Comparator.naturalOrder()).orElseThrow();
            retired.values().removeIf(oldest::equals);
        }
        Entry entry = byId.remove(oldId);
        if (entry == null) {
            return Optional.empty();
        }
        entry.anonymous = false;
        byId.put(newId, entry);
        entry.publicId = newId;
        Browser browser = entry.made();
        if (browser != null) {
            sharing.browserRekeyed(oldId, newId, browser);
        }
        return Optional.ofNullable(browser);
    }

    /**
     * Makes room for more sessions or snapshot characters by dropping disconnected sessions, idle
     * longest first.
     *
     * @return whether there is room now
     */
    private boolean makeRoomFor(int browsers, long chars) {
        if (fits(browsers, chars)) {
            return true;
        }
        List<Map.Entry<String, Entry>> idle = new ArrayList<>();
        byId.forEach((id, entry) -> {
            if (!isBusy(entry)) {
                idle.add(Map.entry(id, entry));
            }
        });
        idle.sort(Comparator.comparing(candidate -> candidate.getValue().lastSeen));
        // Some room to spare, so that a server at its bound does not scan every session for each newcomer.
        int spareBrowsers = config.maxBrowsers() / 64;
        long spareChars = config.maxHeldSnapshotChars() / 64;
        for (Map.Entry<String, Entry> candidate : idle) {
            if (fits(browsers + spareBrowsers, chars + spareChars)) {
                break;
            }
            if (!isBusy(candidate.getValue())) {
                drop(candidate.getKey(), candidate.getValue(), "the server needed room for another browser");
            }
        }
        if (fits(browsers, chars)) {
            return true;
        }
        if (browsers > 0) {
            throw new StorageUnavailableException(
                    null,
                    "The server holds " + byId.size() + " browser byId, all"
                            + " connected, and quarkus.browser-storage.max-browsers is " + config.maxBrowsers()
                            + ": no browser for another browser now");
        }
        return false;
    }

    private boolean fits(int browsers, long chars) {
        return byId.size() + browsers <= config.maxBrowsers()
                && heldChars.get() + chars <= config.maxHeldSnapshotChars();
    }

    private void drop(String id, Entry entry, String why) {
        if (byId.remove(id, entry)) {
            synchronized (entry) {
                heldChars.addAndGet(-entry.heldChars);
                entry.heldChars = 0;
            }
            Browser browser = entry.made();
            if (browser != null) {
                browser.close();
                LOG.debugf("Dropped the copy of browser %s: %s", browser.browserId(), why);
            }
        }
    }

    /**
     * Drops what has been idle too long.
     *
     * @param now the time to measure idleness against
     */
    public void evictIdle(Instant now) {
        Instant cutoff = now.minus(config.idleTimeout());
        Instant unclaimedCutoff = now.minus(unclaimedTimeout());
        retired.values().removeIf(rotatedAt -> rotatedAt.isBefore(cutoff));
        byId.forEach((id, entry) -> {
            Browser browser = entry.made();
            boolean hydrated = browser != null && browser.isHydrated();
            Instant before = hydrated && !entry.anonymous ? cutoff : unclaimedCutoff;
            if (!isBusy(entry) && entry.lastSeen.isBefore(before)) {
                drop(id, entry, "idle");
            } else {
                // Tabs closed for good never say so: drop those idle as long.
                if (browser != null) {
                    browser.dropTabsIdleSince(cutoff);
                }
            }
        });
    }

    private Duration unclaimedTimeout() {
        Duration unclaimed = config.unclaimedTimeout();
        return unclaimed.compareTo(config.idleTimeout()) < 0 ? unclaimed : config.idleTimeout();
    }

    /** Whether an entry must stay: a socket of its browser is open here, or its copy is busy. */
    private boolean isBusy(Entry entry) {
        Browser browser = entry.made();
        return entry.sockets.get() > 0 || (browser != null && sharing.isBusy(browser));
    }

    /**
     * What the server keeps for one browser: its place in the bounds, and its copy, made when first
     * asked for. A node that shares its browsers asks for it only when the app's code reaches the
     * browser; a socket of a browser whose copy lives elsewhere (with its owner) counts here alone.
     */
    final class Entry {
        /** The browser's public id; a rotation changes it. */
        volatile String publicId;

        private volatile Browser browser;
        volatile Instant lastSeen;
        /** No HTTP request has carried this browser's id yet. */
        volatile boolean anonymous;
        /** Sync sockets of the browser open on this node. */
        final AtomicInteger sockets = new AtomicInteger();
        /** The longest hello of this browser, counted in {@link #heldChars}; guarded by this entry. */
        long heldChars;

        Entry(String publicId, boolean anonymous) {
            this.publicId = publicId;
            this.anonymous = anonymous;
        }

        /** @return the browser's copy, made now if it was not */
        Browser browser() {
            Browser made = browser;
            if (made != null) {
                return made;
            }
            synchronized (this) {
                if (browser == null) {
                    browser = newBrowser(publicId);
                    sharing.browserMade(publicId, browser);
                }
                return browser;
            }
        }

        /** @return the copy if it was made, else {@code null} */
        Browser made() {
            return browser;
        }

        /** A sync socket of the browser opened on this node. */
        void socketOpened() {
            sockets.incrementAndGet();
        }
    }
}
