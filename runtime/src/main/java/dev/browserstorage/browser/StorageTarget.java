package dev.browserstorage.browser;

import dev.browserstorage.DisconnectedException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieWritePolicy;
import dev.browserstorage.protect.ValueProtection;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What a store reads and writes: a {@link Browser} (its localStorage and cookies), or one of its
 * {@link Tab}s (that tab's sessionStorage). Both know what the page holds, what the server has
 * written to it and is waiting to hear back about, and who listens for changes. A façade that holds
 * the lock over its parts, each with one job ({@link dev.browserstorage.browser the package} lists
 * them).
 *
 * <p>Reads before the first snapshot throw {@link NotHydratedException}: until then no answer is
 * right.
 *
 * <p>Each is also a {@link BrowserSource}, so that a store can be bound to one browser or one tab.
 *
 * <p>Thread safe. State changes happen under one lock; listeners run and stages complete after it
 * is released, on the thread that caused the change.
 */
public abstract sealed class StorageTarget implements BrowserSource permits Browser, Tab {

    /**
     * The most cookies the server keeps for a browser: more than a page can see (Chromium keeps 180
     * per domain, and a page sees its own domain's and its parents'), so that a forged snapshot or
     * change cannot grow the server's copy without bound.
     */
    public static final int MAX_COOKIES = 1000;

    private final String browserId;

    private final String appId;
    private final String keyPrefix;
    private final StorageLimits limits;
    private final Clock clock;
    private final HttpOnlyCommits httpOnlyCommits;

    private final ReentrantLock lock = new ReentrantLock();
    private final ValueProtection protection;
    /** Runs after each hydration (migrations, re-sealing); may be null. */
    final HydrationStep afterHydrate;

    final PendingBatches pending = new PendingBatches();
    final StorageLayers layers = new StorageLayers(pending);
    final StorageChecks checks;
    final WrittenCookies cookies;
    final Connections connections = new Connections();
    final Listeners listeners = new Listeners();
    final CompletableFuture<Void> hydrated = new CompletableFuture<>();
    /**
     * Why what the browser holds cannot be known now (the store shared by several servers is
     * unreachable), or {@code null}: reads before the first snapshot then fail with {@link
     * StorageUnavailableException} instead of {@link NotHydratedException}.
     */
    volatile String unavailable;

    private final BrowserLink link;

    /** When a connection last opened or closed (or, for a tab, the tab was last looked up). */
    volatile Instant lastActive;

    URI pageUrl;
    private boolean closed;

    StorageTarget(BrowserBuilder builder) {
        this.browserId = builder.browserId;
        this.appId = builder.appId;
        this.keyPrefix = builder.appId + ":";
        this.limits = builder.limits;
        this.clock = builder.clock;
        this.protection = builder.protection;
        this.afterHydrate = builder.afterHydrate;
        this.httpOnlyCommits = builder.httpOnlyCommits;
        this.checks = new StorageChecks(browserId, keyPrefix, limits, builder.cookieHeaderBudget, layers);
        this.cookies = new WrittenCookies(
                new CookieWritePolicy(
                        clock,
                        builder.cookieHeaderBudget,
                        builder.insecureLocalhostCookies,
                        builder.reservedCookieNames),
                clock);
        this.lastActive = clock.instant();
        this.link = new BrowserLink(this);
    }

    /** @return the browser's id */
    public String browserId() {
        return browserId;
    }

    /** @return the app's id */
    @Override
    public String appId() {
        return appId;
    }

    /** @return the limits this browser enforces */
    public StorageLimits limits() {
        return limits;
    }

    /** @return the clock used for lifetimes */
    public Clock clock() {
        return clock;
    }

    /** @return the keys that seal and open protected values, and where refusals go */
    public ValueProtection protection() {
        ValueProtection configured = protection;
        return configured != null ? configured : ValueProtection.ephemeral();
    }

    /**
     * @param relativeKey the key inside the app, such as {@code prefs.theme}
     * @return the key under which the browser stores it: {@code <app>:<relativeKey>}
     */
    public String storageKey(String relativeKey) {
        return keyPrefix + relativeKey;
    }

    /**
     * @param storageKey a localStorage or sessionStorage key
     * @return true if it belongs to this app's namespace: it starts with {@code <app>:}
     */
    public boolean ownsKey(String storageKey) {
        return checks.ownsKey(storageKey);
    }

    /**
     * The side the sync protocol drives (the browser's snapshot, acknowledgements, changes and
     * connections). Internal: for the protocol, the in-memory browser of tests and framework
     * adapters, never for application code.
     *
     * @return this browser's or tab's link
     */
    public BrowserLink link() {
        return link;
    }

    /** Runs under the lock. */
    final <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs under the lock, then tells the listeners of the changes it reported. */
    final void changing(java.util.function.Consumer<List<StorageChange>> action) {
        List<StorageChange> changes = new ArrayList<>();
        lock.lock();
        try {
            action.accept(changes);
        } finally {
            lock.unlock();
        }
        listeners.fire(changes);
    }

    final void requireOpen() {
        if (closed) {
            throw new DisconnectedException("Browser " + browserId + " is gone: it was closed");
        }
    }

    // ---------------------------------------------------------------- hydration and reads

    /** @return true once the browser has sent what it holds */
    public boolean isHydrated() {
        return hydrated.isDone();
    }

    /**
     * @return completes when the browser has sent what it holds (at once if it already has); fails
     *     with {@link DisconnectedException} if the browser is closed first
     */
    public CompletionStage<Void> awaitHydrated() {
        return hydrated.minimalCompletionStage();
    }

    /**
     * @param area the area
     * @param key the browser's key
     * @return what a reader sees for the key (confirmed, with pending writes over it), or {@code
     *     null} if it is absent
     * @throws NotHydratedException before the browser's first snapshot
     */
    public StoredValue read(StorageArea area, String key) {
        requireHydrated(area, key);
        return layers.read(area, key);
    }

    /** Where a typed reader keeps what it decoded ({@link BrowserLink#decodedValues}). */
    final DecodedValues decodedValues(Object reader, int size) {
        return layers.decodedValues(reader, size);
    }

    /**
     * @param area the area
     * @param key the browser's key
     * @return the stored text of the key, as {@link #read} sees it, or empty if it is absent
     * @throws NotHydratedException before the browser's first snapshot
     */
    public Optional<String> readText(StorageArea area, String key) {
        return Optional.ofNullable(read(area, key)).map(StoredValue::text);
    }

    /**
     * @param area the area
     * @return every key of the area a reader sees, sorted, with its stored text; an unmodifiable copy
     * @throws NotHydratedException before the browser's first snapshot
     */
    public SortedMap<String, String> entries(StorageArea area) {
        requireHydrated(area, "*");
        return Collections.unmodifiableSortedMap(layers.snapshot(area));
    }

    /**
     * @param area {@link StorageArea#LOCAL} or {@link StorageArea#SESSION}
     * @return how much of the app's budget the area uses: UTF-16 code units of keys and values,
     *     pending writes included
     */
    public long unitsUsed(StorageArea area) {
        return locked(() -> layers.unitsUsed(area));
    }

    /** @return the page's URL from the last snapshot, if known */
    public Optional<URI> pageUrl() {
        return locked(() -> Optional.ofNullable(pageUrl));
    }

    /**
     * Whether the server knows what a reader of a key sees: always once the browser has sent what
     * it holds, and before that for a key this server has written (a write still waiting for the
     * browser), whose value is the one the browser will hold when it applies the write. Server-side
     * rendering uses it to show such a value on the first page of a browser, before its socket
     * connects.
     *
     * @param area the area
     * @param key the browser's key
     * @return true if {@link #readKnown} answers for the key
     */
    public boolean knows(StorageArea area, String key) {
        // Before the snapshot the view holds nothing but this server's writes, so a key in it was
        // written here; only a key a pending write removes needs the search through the batches.
        if (hydrated.isDone() || layers.read(area, key) != null) {
            return true;
        }
        return locked(() -> pending.writes(area, key) || hydrated.isDone());
    }

    /**
     * @param area the area
     * @param key the browser's key
     * @return for a key the server {@link #knows}, the value a reader sees: as {@link #read} answers,
     *     and before the browser's snapshot the value of this server's last pending write to the key
     *     ({@code null} if the key is absent, or a pending write removes it)
     * @throws NotHydratedException if the server does not know the key's value
     */
    public StoredValue readKnown(StorageArea area, String key) {
        if (!knows(area, key)) {
            requireHydrated(area, key);
        }
        // Before the snapshot the confirmed layer is empty, so the view holds exactly the pending writes.
        return layers.read(area, key);
    }

    private void requireHydrated(StorageArea area, String key) {
        if (!hydrated.isDone()) {
            String unavailable = this.unavailable;
            if (unavailable != null) {
                throw new StorageUnavailableException(
                        area,
                        "Read of " + area.wireName() + " key '" + key + "' of browser " + browserId + ": "
                                + unavailable);
            }
            throw new NotHydratedException("Read of " + area.wireName() + " key '" + key + "' before browser "
                    + browserId + " sent what it holds: wait for awaitHydrated() first");
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Accepts writes as one batch: checks them, shows them to readers at once, and sends them to the
     * browser (now, or when it connects).
     *
     * @param writes the writes, applied in order
     * @return completes when the browser acknowledges the batch; fails with the browser's error
     *     ({@link QuotaExceededException}, {@link dev.browserstorage.StorageUnavailableException},
     *     {@link dev.browserstorage.cookie.InvalidCookieException}) or {@link DisconnectedException}, after
     *     the batch has been taken back
     * @throws QuotaExceededException if a value or the app's storage would pass a limit; nothing is
     *     changed or sent
     * @throws dev.browserstorage.cookie.InvalidCookieException if a cookie breaks a rule the browser
     *     enforces, or its name is {@linkplain #reservedCookieNames() reserved}; nothing is changed or
     *     sent
     * @throws DisconnectedException if the browser is closed or too many writes are pending
     */
    public CompletionStage<Void> write(List<Write> writes) {
        return write(writes, 0, null);
    }

    /** {@link #write}, as the batch of the given id and token (0 and null: the next id, a fresh token). */
    CompletionStage<Void> write(List<Write> writes, long batchId, String token) {
        if (writes.isEmpty() && batchId == 0) {
            return CompletableFuture.completedFuture(null);
        }
        List<StorageChange> changes = new ArrayList<>();
        PendingBatches.Pending batch;
        lock.lock();
        try {
            requireOpen();
            if (pending.writeCount() + writes.size() > limits.maxPendingWrites()) {
                throw new DisconnectedException("Browser " + browserId + " has " + pending.writeCount()
                        + " writes waiting for acknowledgement"
                        + (connections.isConnected() ? "" : " while disconnected") + "; " + writes.size()
                        + " more would pass the limit of " + limits.maxPendingWrites());
            }
            List<Write> prepared =
                    cookies.prepare(writes, pageUrl, layers.snapshot(StorageArea.COOKIE), httpOnlyCommits != null);
            checks.checkServerWrites(prepared);
            cookies.remember(prepared);
            batch = batchId == 0 ? pending.add(prepared) : pending.add(batchId, token, prepared);
            layers.show(prepared, changes);
            connections.send(List.of(batch), browserId);
        } finally {
            lock.unlock();
        }
        listeners.fire(changes);
        return batch.completion().minimalCompletionStage();
    }

    /**
     * Accepts cookie writes made while the server handles an HTTP request of this browser: they
     * become {@code Set-Cookie} headers on the exchange's response instead of a batch over the
     * socket (HttpOnly allowed: a header carries it). They pass the same {@link CookieWritePolicy} as
     * {@link #write}, against the request's URL and the cookies it carries, all of them before the
     * first header is added: a refused write leaves the response untouched. The browser remembers
     * their attributes; once it has sent what it holds, its socket side learns of each cookie the
     * page can see as a browser change, which it is once the response arrives.
     *
     * @param exchange the HTTP exchange whose response carries the cookies
     * @param writes cookie writes, applied in order
     * @return completes at once: the response carries the cookies
     * @throws dev.browserstorage.cookie.InvalidCookieException if a cookie breaks a rule the browser
     *     enforces, its name is {@linkplain #reservedCookieNames() reserved}, or the browser's cookies
     *     would pass the request-header budget; no header is added
     * @throws IllegalArgumentException if a write is not a cookie write
     */
    public CompletionStage<Void> writeToResponse(HttpCookies exchange, List<Write> writes) {
        return ResponseCookies.write(this, exchange, writes);
    }

    /**
     * The one way a cookie write leaves the server: inside an HTTP exchange as {@code Set-Cookie}
     * headers on its response ({@link #writeToResponse}), else as a batch over the socket ({@link
     * #write}). Both pass the same {@link CookieWritePolicy}.
     *
     * @param exchange the HTTP exchange of the current call, if there is one
     * @param writes cookie writes, applied in order
     * @return as {@link #writeToResponse} or {@link #write} returns
     */
    public CompletionStage<Void> writeCookies(Optional<HttpCookies> exchange, List<Write> writes) {
        return exchange.isPresent() ? writeToResponse(exchange.get(), writes) : write(writes);
    }

    /** @return the ids of the batches waiting for acknowledgement, in order */
    public List<Long> pendingBatchIds() {
        return locked(pending::ids);
    }

    // ---------------------------------------------------------------- connections

    /** @return true while a transport is connected */
    public boolean isConnected() {
        return locked(connections::isConnected);
    }

    /**
     * The browser (or tab) is gone for good. Every pending batch fails with {@link
     * DisconnectedException} (it was never acknowledged, so it is never reported as done), and later
     * writes throw it. Closing a browser closes its tabs.
     */
    public void close() {
        record Closed(List<PendingBatches.Pending> dropped, List<Tab> tabs) {}
        Closed gone = locked(() -> {
            if (closed) {
                return null;
            }
            closed = true;
            connections.clear();
            return new Closed(pending.takeAll(), removeTabs());
        });
        if (gone == null) {
            return;
        }
        DisconnectedException error = new DisconnectedException("Browser " + browserId
                + " went away before acknowledging the write; it may or may not have applied it");
        hydrated.completeExceptionally(error);
        gone.dropped().forEach(batch -> batch.completion().completeExceptionally(error));
        gone.tabs().forEach(Tab::close);
    }

    /** Takes the tabs to close with this one, under the lock: a browser's tabs, none for a tab. */
    abstract List<Tab> removeTabs();

    // ---------------------------------------------------------------- listeners

    /**
     * Listens to one key.
     *
     * @param area the area
     * @param key the browser's key
     * @param listener the listener
     * @return its registration
     */
    public Registration addListener(StorageArea area, String key, StorageListener listener) {
        return listeners.add(area, key, false, listener);
    }

    /**
     * Listens to every key that starts with a prefix (all keys for an empty prefix).
     *
     * @param area the area
     * @param prefix the prefix of the browser's keys
     * @param listener the listener
     * @return its registration
     */
    public Registration addPrefixListener(StorageArea area, String prefix, StorageListener listener) {
        return listeners.add(area, prefix, true, listener);
    }

    // ---------------------------------------------------------------- cookies

    /** @return the budget of the {@code Cookie} header this browser keeps cookie writes within */
    public CookieHeaderBudget cookieHeaderBudget() {
        return cookies.policy().headerBudget();
    }

    /**
     * @return the names of the cookies the framework keeps for itself, which every write refuses
     *     ({@link BrowserBuilder#reservedCookieNames}), sorted; empty if none are reserved
     */
    public Set<String> reservedCookieNames() {
        return cookies.policy().reservedNames();
    }

    /** @return who issues commit URLs for HttpOnly cookies written over the socket, if anyone */
    public Optional<HttpOnlyCommits> httpOnlyCommits() {
        return Optional.ofNullable(httpOnlyCommits);
    }

    /**
     * The attributes this server last wrote a cookie with, over the socket or in an HTTP response,
     * so that a delete can use the same path and domain.
     *
     * @param name the cookie name
     * @return the attributes, or empty if this server has not written the cookie (or deleted it since)
     */
    public Optional<CookieAttributes> cookieAttributes(String name) {
        return locked(() -> cookies.attributes(name));
    }
}
