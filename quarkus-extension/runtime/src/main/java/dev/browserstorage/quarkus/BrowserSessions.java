package dev.browserstorage.quarkus;

import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.quarkus.runtime.CookieCommits;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.HttpOnlyCommits;
import dev.browserstorage.session.StorageLimits;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The server-side sessions of the browsers of this app, by browser id. A session lives while its
 * browser is connected, and {@link BrowserStorageConfig#idleTimeout()} after that; one whose browser
 * never connected lives {@link BrowserStorageConfig#unclaimedTimeout()}.
 */
@ApplicationScoped
public class BrowserSessions {
    private static final Logger LOG = Logger.getLogger(BrowserSessions.class);
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_.-]+");

    private final ConcurrentHashMap<String, Entry> sessions = new ConcurrentHashMap<>();
    private final BrowserStorageConfig config;
    private final String appId;
    private final StorageLimits limits;
    private final Clock clock = Clock.systemUTC();

    private final CookieHeaderBudget cookieHeaderBudget;
    private final HttpOnlyCommits httpOnlyCommits;
    private final boolean insecureLocalhostCookies;

    /**
     * Sessions with Quarkus' default request-header limit and no commit URLs (HttpOnly cookies then
     * only in HTTP requests), for use outside CDI.
     */
    BrowserSessions(BrowserStorageConfig config, Optional<String> appName) {
        this(config, appName, "20K", null);
    }

    @Inject
    BrowserSessions(BrowserStorageConfig config, @ConfigProperty(name = "quarkus.application.name") Optional<String> appName,
            @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") String maxHeaderSize,
            CookieCommits httpOnlyCommits) {
        // A browser whose cookies pass the server's header limit gets 431 for every later request.
        this.cookieHeaderBudget = CookieHeaderBudget.under(new MemorySizeConverter().convert(maxHeaderSize).asLongValue());
        this.httpOnlyCommits = httpOnlyCommits;
        this.insecureLocalhostCookies = config.insecureLocalhostCookies() && LaunchMode.current().isDevOrTest();
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
        this.limits = new StorageLimits(config.maxValueBytes(), config.maxAreaUnits(), config.maxPendingWrites(),
                config.maxTabs());
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
     * @param browserId the browser's id
     * @return its session
     */
    public BrowserSession session(String browserId) {
        Entry entry = sessions.computeIfAbsent(browserId, id -> new Entry(newSession(id)));
        entry.lastSeen = clock.instant();
        return entry.session;
    }

    private BrowserSession newSession(String browserId) {
        BrowserSession.Builder builder = BrowserSession.builder(browserId, appId).limits(limits).clock(clock)
                .cookieHeaderBudget(cookieHeaderBudget).insecureLocalhostCookies(insecureLocalhostCookies);
        if (httpOnlyCommits != null) {
            builder.httpOnlyCommits(httpOnlyCommits);
        }
        return builder.build();
    }

    /**
     * The session of a browser, if it has one.
     *
     * @param browserId the browser's id
     * @return its session
     */
    public Optional<BrowserSession> find(String browserId) {
        Entry entry = sessions.get(browserId);
        return entry == null ? Optional.empty() : Optional.of(entry.session);
    }

    /** @return how many browsers have a session */
    public int size() {
        return sessions.size();
    }

    void evictIdle(Instant now) {
        Instant cutoff = now.minus(config.idleTimeout());
        Instant unclaimedCutoff = now.minus(unclaimedTimeout());
        sessions.forEach((id, entry) -> {
            Instant before = entry.session.isHydrated() ? cutoff : unclaimedCutoff;
            if (!entry.session.isConnected() && entry.lastSeen.isBefore(before) && sessions.remove(id, entry)) {
                entry.session.close();
                LOG.debugf("Dropped the idle session of browser %s", id);
            } else {
                // Tabs closed for good never say so: drop those idle as long.
                entry.session.dropTabsIdleSince(cutoff);
            }
        });
    }

    private Duration unclaimedTimeout() {
        Duration unclaimed = config.unclaimedTimeout();
        return unclaimed.compareTo(config.idleTimeout()) < 0 ? unclaimed : config.idleTimeout();
    }

    private static final class Entry {
        final BrowserSession session;
        volatile Instant lastSeen;

        Entry(BrowserSession session) {
            this.session = session;
        }
    }
}
