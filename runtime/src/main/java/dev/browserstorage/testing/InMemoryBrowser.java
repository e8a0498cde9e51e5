package dev.browserstorage.testing;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserBuilder;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.Transport;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.protect.ValueProtection;
import dev.browserstorage.store.NewerVersionPolicy;
import dev.browserstorage.store.StoreDescriptor;
import dev.browserstorage.store.StoreUpkeep;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A browser in memory, for tests: it holds localStorage, sessionStorage and cookies, sends its
 * snapshot when it connects, receives the server's batches, and answers them when the test says
 * so. It behaves as the real glue does where it matters: a batch is applied whole or not at all, a
 * batch id is applied at most once even when it is sent again after a reconnect, and a batch that
 * does not fit the browser's own quota fails with {@link QuotaExceededException.Kind#BROWSER_QUOTA}.
 *
 * <pre>{@code
 * Browser server = Browser.builder("b1", "demo").build();
 * InMemoryBrowser browser = new InMemoryBrowser(server);
 * browser.connect();                           // hello + snapshot: the server's copy is hydrated
 * CompletionStage<Void> done = store.setTheme("dark");
 * browser.deliver();                           // applies and acknowledges: done completes
 * assertEquals("\"dark\"", browser.storage(StorageArea.LOCAL).get("demo:prefs.theme"));
 * }</pre>
 *
 * <p>A browser that held values before it connects, such as a versioned store's values of an older
 * version, comes from {@link #builder()}: its server copy runs the stores' upkeep ({@link StoreUpkeep})
 * when it connects, so the test reads the migrated values through the store and sees what was written
 * back once it {@linkplain #deliver() delivers}:
 *
 * <pre>{@code
 * InMemoryBrowser browser = InMemoryBrowser.builder()
 *         .stores(PrefsStore.DESCRIPTOR)
 *         .version(PrefsStore.DESCRIPTOR, 1)                    // the marker, "1" (optional for 1)
 *         .holding(StorageArea.LOCAL, "prefs.colour", "\"red\"") // the key inside the app
 *         .build();
 * browser.connect();                                          // hydrated: migrated, batch sent
 * PrefsStore prefs = new PrefsStore(browser.server());
 * assertEquals("red", prefs.getColor());
 * browser.deliver();                                          // applied and acknowledged
 * assertEquals("3", browser.storage(StorageArea.LOCAL).get("app:prefs"));
 * }</pre>
 *
 * <p>Not thread safe: drive it from the test's thread.
 */
public final class InMemoryBrowser implements Transport {
    private final Browser server;
    private final URI pageUrl;
    private final Map<StorageArea, SortedMap<String, String>> storage = new EnumMap<>(StorageArea.class);
    private final Deque<WriteBatch> inbox = new ArrayDeque<>();
    private final List<WriteBatch> received = new ArrayList<>();
    private final Set<Long> applied = new HashSet<>();
    private long quotaUnits = Long.MAX_VALUE;
    private boolean connected;

    /**
     * Starts building a browser that holds values before it connects, with a server copy of app
     * {@value Builder#DEFAULT_APP} that runs the upkeep of the given stores at each hydration.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the server's copy of this browser: bind stores to it */
    public Browser server() {
        return server;
    }

    /**
     * A browser on {@code https://localhost/}, for the server's copy of it.
     *
     * @param server the {@link Browser} that stands for this browser on the server
     */
    public InMemoryBrowser(Browser server) {
        this(server, URI.create("https://localhost/"));
    }

    /**
     * A browser showing a page, for the server's copy of it.
     *
     * @param server the {@link Browser} that stands for this browser on the server
     * @param pageUrl the page's URL, which cookie rules are checked against
     */
    public InMemoryBrowser(Browser server, URI pageUrl) {
        this.server = Objects.requireNonNull(server, "server");
        this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl");
        for (StorageArea area : StorageArea.values()) {
            storage.put(area, new TreeMap<>());
        }
    }

    /**
     * Puts a value in the browser before it connects, as if left there by an earlier visit.
     *
     * @param area the area
     * @param key the browser's key (with the app's prefix for localStorage and sessionStorage)
     * @param value the stored text
     * @return this browser
     */
    public InMemoryBrowser preload(StorageArea area, String key, String value) {
        storage.get(area).put(key, value);
        return this;
    }

    /**
     * Sets the browser's own quota for localStorage and sessionStorage, in UTF-16 code units of
     * keys and values per area (all keys, not only the app's). Default: unlimited.
     *
     * @param units the quota
     * @return this browser
     */
    public InMemoryBrowser quota(long units) {
        this.quotaUnits = units;
        return this;
    }

    /**
     * Connects: sends the snapshot of the app's keys (the server's copy is hydrated), then receives every
     * batch still pending on the server.
     */
    public void connect() {
        server.link().hydrate(snapshot());
        connected = true;
        server.link().connect(this);
    }

    /** Drops the connection; batches received and not yet answered are lost with it. */
    public void disconnect() {
        connected = false;
        inbox.clear();
        server.link().disconnect();
    }

    /** @return true while connected */
    public boolean isConnected() {
        return connected;
    }

    /**
     * The snapshot the glue would send: the app's own localStorage and sessionStorage keys, and the
     * cookies.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        return new Snapshot(
                pageUrl, ownKeys(StorageArea.LOCAL), ownKeys(StorageArea.SESSION), storage.get(StorageArea.COOKIE));
    }

    private Map<String, String> ownKeys(StorageArea area) {
        Map<String, String> own = new TreeMap<>();
        storage.get(area).forEach((key, value) -> {
            if (server.ownsKey(key)) {
                own.put(key, value);
            }
        });
        return own;
    }

    @Override
    public void send(WriteBatch batch) {
        if (!connected) {
            throw new IllegalStateException("Browser is not connected");
        }
        inbox.add(batch);
        received.add(batch);
    }

    /** @return every batch received so far, replays included, in order */
    public List<WriteBatch> received() {
        return Collections.unmodifiableList(received);
    }

    /** @return the batches received and not answered yet */
    public List<WriteBatch> inbox() {
        return List.copyOf(inbox);
    }

    /**
     * Applies every received batch in order and acknowledges each; a batch over the browser's quota
     * is failed instead, as the real glue does.
     *
     * @return how many batches were acknowledged
     */
    public int deliver() {
        int acknowledged = 0;
        while (!inbox.isEmpty()) {
            WriteBatch batch = inbox.poll();
            BrowserStorageException failure = apply(batch);
            if (failure == null) {
                server.link().acknowledge(batch.id());
                acknowledged++;
            } else {
                server.link().fail(batch.id(), failure);
            }
        }
        return acknowledged;
    }

    /**
     * Applies every received batch but loses the acknowledgements, as when the connection drops
     * right after the browser stored them. The browser then disconnects.
     *
     * @return how many batches were applied
     */
    public int applyAndDropConnection() {
        int count = 0;
        while (!inbox.isEmpty()) {
            if (apply(inbox.poll()) == null) {
                count++;
            }
        }
        disconnect();
        return count;
    }

    /**
     * Fails the oldest received batch with an error, without applying it.
     *
     * @param error the error the browser reports
     */
    public void failNext(BrowserStorageException error) {
        WriteBatch batch = inbox.poll();
        if (batch == null) {
            throw new IllegalStateException("No batch to fail");
        }
        server.link().fail(batch.id(), error);
    }

    /**
     * Changes a value in the browser by itself (devtools, another tab, page script) and reports it
     * to the server when connected, as the glue would.
     *
     * @param area the area
     * @param key the browser's key
     * @param value the new text, or {@code null} to remove the key
     */
    public void changeInBrowser(StorageArea area, String key, String value) {
        if (value == null) {
            storage.get(area).remove(key);
        } else {
            storage.get(area).put(key, value);
        }
        if (connected && (area == StorageArea.COOKIE || server.ownsKey(key))) {
            server.link().browserChanged(area, key, value);
        }
    }

    /**
     * What the browser holds in an area.
     *
     * @param area the area
     * @return an unmodifiable sorted view
     */
    public SortedMap<String, String> storage(StorageArea area) {
        return Collections.unmodifiableSortedMap(storage.get(area));
    }

    private BrowserStorageException apply(WriteBatch batch) {
        if (!applied.add(batch.id())) {
            return null; // a replay of a batch this browser already applied
        }
        Map<StorageArea, SortedMap<String, String>> copy = new EnumMap<>(StorageArea.class);
        storage.forEach((area, values) -> copy.put(area, new TreeMap<>(values)));
        for (Write write : batch.writes()) {
            SortedMap<String, String> values = copy.get(write.area());
            if (write.isRemoval() || isExpiredCookie(write)) {
                values.remove(write.key());
            } else {
                values.put(write.key(), write.value());
            }
            if (write.area() != StorageArea.COOKIE && !write.isRemoval() && units(values) > quotaUnits) {
                applied.remove(batch.id());
                return new QuotaExceededException(
                        QuotaExceededException.Kind.BROWSER_QUOTA,
                        write.area(),
                        write.key(),
                        -1,
                        -1,
                        "The browser refused to store " + write.area().wireName() + " key '" + write.key()
                                + "': QuotaExceededError");
            }
        }
        copy.forEach((area, values) -> {
            storage.get(area).clear();
            storage.get(area).putAll(values);
        });
        return null;
    }

    private static boolean isExpiredCookie(Write write) {
        return write.area() == StorageArea.COOKIE
                && write.cookieOptions()
                        .maxAge()
                        .map(age -> age.isZero() || age.isNegative())
                        .orElse(false);
    }

    private static long units(Map<String, String> values) {
        long units = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            units += entry.getKey().length() + entry.getValue().length();
        }
        return units;
    }

    /**
     * Builds an {@link InMemoryBrowser} and its server copy: the app's stores (whose upkeep runs at
     * each hydration), the keys of protected values, and what the browser holds before it connects.
     */
    public static final class Builder {
        /** The app id unless {@link #app} sets another. */
        public static final String DEFAULT_APP = "app";

        private String browserId = "browser-1";
        private String appId = DEFAULT_APP;
        private URI pageUrl = URI.create("https://localhost/");
        private Clock clock;
        private ValueProtection protection;
        private NewerVersionPolicy newerVersions = NewerVersionPolicy.KEEP;
        private final List<StoreDescriptor> stores = new ArrayList<>();
        private final List<Held> held = new ArrayList<>();

        /** A stored text given to {@link #holding}. */
        private record Held(StorageArea area, String key, String text) {}

        private Builder() {}

        /**
         * Sets the app id, the prefix of the browser's localStorage and sessionStorage keys.
         *
         * @param appId the app id; default {@value #DEFAULT_APP}
         * @return this builder
         */
        public Builder app(String appId) {
            this.appId = Objects.requireNonNull(appId, "appId");
            return this;
        }

        /**
         * Sets the browser's id on the server.
         *
         * @param browserId the id; default {@code browser-1}
         * @return this builder
         */
        public Builder browserId(String browserId) {
            this.browserId = Objects.requireNonNull(browserId, "browserId");
            return this;
        }

        /**
         * Sets the page the browser shows.
         *
         * @param pageUrl the page's URL; default {@code https://localhost/}
         * @return this builder
         */
        public Builder page(URI pageUrl) {
            this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl");
            return this;
        }

        /**
         * Sets the server copy's clock (lifetimes, sealed expiries).
         *
         * @param clock the clock, such as a {@link ManualClock}
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the keys that seal and open protected values.
         *
         * @param protection the keys and where refusals go; default the process's ephemeral one
         * @return this builder
         */
        public Builder protection(ValueProtection protection) {
            this.protection = Objects.requireNonNull(protection, "protection");
            return this;
        }

        /**
         * Sets what the upkeep does with values of a newer version.
         *
         * @param policy the policy; default {@link NewerVersionPolicy#KEEP}
         * @return this builder
         */
        public Builder newerVersions(NewerVersionPolicy policy) {
            this.newerVersions = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Adds the app's stores: generated stores' {@code DESCRIPTOR}s. Their upkeep (migrations,
         * re-sealing) runs each time the browser connects.
         *
         * @param descriptors the stores
         * @return this builder
         */
        public Builder stores(StoreDescriptor... descriptors) {
            Arrays.stream(descriptors).forEach(d -> stores.add(Objects.requireNonNull(d, "descriptor")));
            return this;
        }

        /**
         * Puts a stored text in the browser, as an earlier visit (perhaps of an older version of
         * the app) left it.
         *
         * @param area the area
         * @param key the key inside the app, such as {@code prefs.colour} (the app's prefix is
         *     added), or the cookie's name
         * @param text the stored text, as the browser holds it: JSON such as {@code "\"red\""}
         * @return this builder
         */
        public Builder holding(StorageArea area, String key, String text) {
            held.add(new Held(
                    Objects.requireNonNull(area, "area"),
                    Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(text, "text")));
            return this;
        }

        /**
         * Marks a versioned store's values in the browser as of a version: its version marker (the
         * store's {@link StoreDescriptor#versionKey()}) set to it. Values of version 1 need none: a
         * store with values and no marker is at version 1.
         *
         * @param store the store
         * @param version the version its values have
         * @return this builder
         */
        public Builder version(StoreDescriptor store, int version) {
            if (version < 1) {
                throw new IllegalArgumentException("Versions start at 1, not " + version);
            }
            return holding(store.area(), store.versionKey(), Integer.toString(version));
        }

        /**
         * The browser, holding what was given, not connected yet: {@link InMemoryBrowser#connect}
         * hydrates its server copy, which runs the stores' upkeep.
         *
         * @return the browser
         */
        public InMemoryBrowser build() {
            BrowserBuilder server = Browser.builder(browserId, appId);
            if (clock != null) {
                server.clock(clock);
            }
            if (protection != null) {
                server.protection(protection);
            }
            if (!stores.isEmpty()) {
                server.afterHydrate(StoreUpkeep.of(stores, newerVersions));
            }
            InMemoryBrowser browser = new InMemoryBrowser(server.build(), pageUrl);
            for (Held one : held) {
                String key = one.area() == StorageArea.COOKIE ? one.key() : appId + ":" + one.key();
                browser.preload(one.area(), key, one.text());
            }
            return browser;
        }
    }
}
