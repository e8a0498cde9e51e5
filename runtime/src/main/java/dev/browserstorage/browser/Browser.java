package dev.browserstorage.browser;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.DisconnectedException;
import dev.browserstorage.InvalidCookieException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.Utf8;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.CookieRules;
import dev.browserstorage.cookie.InsecureLocalhost;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One browser as the server knows it: what it holds, what the server has written to it and is
 * waiting to hear back about, and who listens for changes.
 *
 * <p>The session keeps two layers per storage area. <em>Confirmed</em> values are what the browser
 * has said it holds (its snapshot, its own changes, and every acknowledged write). <em>Pending</em>
 * batches are server writes not acknowledged yet. Readers see the confirmed values with the pending
 * batches applied over them in id order, so code reads its own writes at once. An acknowledgement
 * moves a batch into the confirmed layer; a failure drops it, and readers see whatever the confirmed
 * values and the remaining batches give, which is exactly the state the browser is in.
 *
 * <p>Every write is checked against the {@link StorageLimits} and the cookie rules before it is
 * accepted; a write that would pass a limit throws at once and changes nothing. Reads before the
 * browser's first snapshot throw {@link NotHydratedException}: until then no answer is right.
 *
 * <p>sessionStorage belongs to one tab, not to the browser. A browser's session therefore has a
 * session per tab ({@link #tab(String)}): the tab's own sessionStorage, with batches that only the
 * tab's connection receives. A session used on its own (tests, one-page apps) keeps sessionStorage
 * itself, as the browser's single tab.
 *
 * <p>Thread safe. State changes happen under one lock; listeners run and stages complete after it
 * is released, on the thread that caused the change.
 */
public final class Browser implements BrowserSource {
    private static final System.Logger LOG = System.getLogger(Browser.class.getName());

    /**
     * The most cookies a browser's session keeps: more than a page can see (Chromium keeps 180 per
     * domain, and a page sees its own domain's and its parents'), so that a forged snapshot or
     * change cannot grow the server's copy without bound.
     */
    public static final int MAX_COOKIES = 1000;

    private final String browserId;
    /** The tab's id, for the session of one tab; {@code null} for a browser's. */
    private final String tabId;
    /** The tabs of a browser, least recently active first; always empty for a tab. */
    private final LinkedHashMap<String, Browser> tabs = new LinkedHashMap<>(16, 0.75f, true);

    private volatile Instant lastActive;
    private final String appId;
    private final String keyPrefix;
    private final StorageLimits limits;
    private final Clock clock;
    private final CookieHeaderBudget cookieHeaderBudget;
    private final HttpOnlyCommits httpOnlyCommits;
    private final boolean insecureLocalhostCookies;
    /** The names of the framework's own cookies, which no write may touch; sorted, unmodifiable. */
    private final Set<String> reservedCookieNames;
    /** The attributes of the cookies this server wrote, by name; guarded by the lock. */
    private final Map<String, CookieAttributes> cookieAttributes = new HashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<StorageArea, Map<String, String>> confirmed = new EnumMap<>(StorageArea.class);
    private final Map<StorageArea, ConcurrentHashMap<String, StoredValue>> view = new EnumMap<>(StorageArea.class);
    private final Map<StorageArea, long[]> unitsUsed = new EnumMap<>(StorageArea.class);
    private final LinkedHashMap<Long, PendingBatch> pending = new LinkedHashMap<>();
    private final List<ListenerEntry> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> hydrated = new CompletableFuture<>();

    private long nextBatchId = 1;
    private int pendingWrites;
    private Transport transport;
    private final List<Transport> transports = new ArrayList<>();
    private URI pageUrl;
    private boolean closed;

    private Browser(Builder builder, String tabId) {
        this.browserId = builder.browserId;
        this.tabId = tabId;
        this.appId = builder.appId;
        this.keyPrefix = builder.appId + ":";
        this.limits = builder.limits;
        this.clock = builder.clock;
        this.cookieHeaderBudget = builder.cookieHeaderBudget;
        this.httpOnlyCommits = builder.httpOnlyCommits;
        this.insecureLocalhostCookies = builder.insecureLocalhostCookies;
        this.reservedCookieNames = builder.reservedCookieNames;
        for (StorageArea area : StorageArea.values()) {
            confirmed.put(area, new HashMap<>());
            view.put(area, new ConcurrentHashMap<>());
            unitsUsed.put(area, new long[1]);
        }
        this.lastActive = clock.instant();
    }

    /**
     * Starts building a session.
     *
     * @param browserId the browser's id, unique per browser (used in messages and by the transport)
     * @param appId the app's id, the prefix of every localStorage and sessionStorage key
     * @return a builder with the default limits and the system clock
     */
    public static Builder builder(String browserId, String appId) {
        return new Builder(browserId, appId);
    }

    /** @return the browser's id */
    public String browserId() {
        return browserId;
    }

    /** @return the tab's id, for the session of one tab; empty for a browser's session */
    public Optional<String> tabId() {
        return Optional.ofNullable(tabId);
    }

    /** @return the app's id */
    @Override
    public String appId() {
        return appId;
    }

    /** @return this session: a session is the source of itself */
    @Override
    public Browser current() {
        return this;
    }

    /** @return the limits this session enforces */
    public StorageLimits limits() {
        return limits;
    }

    /** @return the clock used for lifetimes */
    public Clock clock() {
        return clock;
    }

    /**
     * The key under which the browser stores an app-relative localStorage or sessionStorage key:
     * {@code <app>:<relativeKey>}.
     *
     * @param relativeKey the key inside the app, such as {@code prefs.theme}
     * @return the browser's key
     */
    public String storageKey(String relativeKey) {
        return keyPrefix + relativeKey;
    }

    /**
     * Whether a browser key belongs to this app's namespace.
     *
     * @param storageKey a localStorage or sessionStorage key
     * @return true if it starts with {@code <app>:}
     */
    public boolean ownsKey(String storageKey) {
        return storageKey.startsWith(keyPrefix) && storageKey.length() > keyPrefix.length();
    }

    // ---------------------------------------------------------------- hydration

    /** @return true once the browser has sent what it holds */
    public boolean isHydrated() {
        return hydrated.isDone();
    }

    /**
     * Completes when the browser has sent what it holds (at once if it already has); fails with
     * {@link DisconnectedException} if the session is closed first.
     *
     * @return the stage
     */
    public CompletionStage<Void> awaitHydrated() {
        return hydrated.minimalCompletionStage();
    }

    /**
     * Takes the browser's snapshot as the confirmed state of every area. Pending writes stay pending
     * and are seen over it. The first snapshot fires no change events; a later one (after a
     * reconnect) fires {@link ChangeSource#HYDRATION} events for every key whose value differs.
     *
     * @param snapshot what the browser holds
     * @throws IllegalArgumentException if the snapshot has keys outside the app's namespace or more
     *     than the app's budget; the session is then unchanged
     */
    public void hydrate(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        checkSnapshotArea(StorageArea.LOCAL, snapshot.local());
        checkSnapshotArea(StorageArea.SESSION, snapshot.session());
        if (snapshot.cookies().size() > MAX_COOKIES) {
            throw new IllegalArgumentException("Snapshot of browser " + browserId + " has "
                    + snapshot.cookies().size() + " cookies, over the limit of " + MAX_COOKIES);
        }
        List<StorageChange> changes = new ArrayList<>();
        boolean first;
        lock.lock();
        try {
            first = !hydrated.isDone();
            pageUrl = snapshot.pageUrl();
            replaceConfirmed(StorageArea.LOCAL, snapshot.local(), first ? null : changes);
            replaceConfirmed(StorageArea.SESSION, snapshot.session(), first ? null : changes);
            replaceConfirmed(
                    StorageArea.COOKIE, withCookiesThePageCannotSee(snapshot.cookies()), first ? null : changes);
        } finally {
            lock.unlock();
        }
        hydrated.complete(null);
        fire(changes);
    }

    private void checkSnapshotArea(StorageArea area, Map<String, String> values) {
        long units = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!ownsKey(entry.getKey())) {
                throw new IllegalArgumentException("Snapshot of browser " + browserId + " has " + area.wireName()
                        + " key '" + abbreviate(entry.getKey()) + "' outside the app's namespace '" + keyPrefix + "'");
            }
            units += units(entry.getKey(), entry.getValue());
        }
        if (units > limits.maxAreaUnits()) {
            throw new IllegalArgumentException(
                    "Snapshot of browser " + browserId + " has " + units + " UTF-16 units of " + area.wireName()
                            + "Storage, over the app's budget of " + limits.maxAreaUnits());
        }
    }

    private void replaceConfirmed(StorageArea area, Map<String, String> values, List<StorageChange> changes) {
        Map<String, String> before = changes == null ? null : currentView(area);
        Map<String, String> target = confirmed.get(area);
        target.clear();
        target.putAll(values);
        rebuildView(area);
        if (changes != null) {
            diff(area, before, currentView(area), ChangeSource.HYDRATION, changes);
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * The value a reader sees for a key: confirmed, with pending writes over it.
     *
     * @param area the area
     * @param key the browser's key
     * @return the stored value, or {@code null} if the key is absent
     * @throws NotHydratedException before the browser's first snapshot
     */
    public StoredValue read(StorageArea area, String key) {
        requireHydrated(area, key);
        return view.get(area).get(key);
    }

    /**
     * The stored text of a key, as {@link #read} sees it.
     *
     * @param area the area
     * @param key the browser's key
     * @return the text, or empty if the key is absent
     * @throws NotHydratedException before the browser's first snapshot
     */
    public Optional<String> readText(StorageArea area, String key) {
        StoredValue value = read(area, key);
        return value == null ? Optional.empty() : Optional.of(value.text());
    }

    /**
     * Every key of an area a reader sees, sorted, with its stored text.
     *
     * @param area the area
     * @return an unmodifiable sorted copy
     * @throws NotHydratedException before the browser's first snapshot
     */
    public SortedMap<String, String> entries(StorageArea area) {
        requireHydrated(area, "*");
        return Collections.unmodifiableSortedMap(currentView(area));
    }

    /**
     * How much of the app's budget an area uses: UTF-16 code units of keys and values, pending
     * writes included.
     *
     * @param area {@link StorageArea#LOCAL} or {@link StorageArea#SESSION}
     * @return the units used
     */
    public long unitsUsed(StorageArea area) {
        lock.lock();
        try {
            return unitsUsed.get(area)[0];
        } finally {
            lock.unlock();
        }
    }

    /** @return the page's URL from the last snapshot, if known */
    public Optional<URI> pageUrl() {
        lock.lock();
        try {
            return Optional.ofNullable(pageUrl);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reads the server can answer before the snapshot

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
        if (hydrated.isDone() || view.get(area).containsKey(key)) {
            return true;
        }
        lock.lock();
        try {
            for (PendingBatch batch : pending.values()) {
                for (Write write : batch.batch.writes()) {
                    if (write.area() == area && write.key().equals(key)) {
                        return true;
                    }
                }
            }
            return hydrated.isDone();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The value a reader sees for a key the server {@link #knows}: as {@link #read} answers, and
     * before the browser's snapshot the value of this server's last pending write to the key.
     *
     * @param area the area
     * @param key the browser's key
     * @return the stored value, or {@code null} if the key is absent (or a pending write removes it)
     * @throws NotHydratedException if the server does not know the key's value
     */
    public StoredValue readKnown(StorageArea area, String key) {
        if (!knows(area, key)) {
            requireHydrated(area, key);
        }
        // Before the snapshot the confirmed layer is empty, so the view holds exactly the pending writes.
        return view.get(area).get(key);
    }

    private void requireHydrated(StorageArea area, String key) {
        if (!hydrated.isDone()) {
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
     *     {@link dev.browserstorage.InvalidCookieException}) or {@link DisconnectedException}, after
     *     the batch has been taken back
     * @throws QuotaExceededException if a value or the app's storage would pass a limit; nothing is
     *     changed or sent
     * @throws dev.browserstorage.InvalidCookieException if a cookie breaks a rule the browser
     *     enforces, or its name is {@linkplain #reservedCookieNames() reserved}; nothing is changed or
     *     sent
     * @throws DisconnectedException if the session is closed or too many writes are pending
     */
    public CompletionStage<Void> write(List<Write> writes) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<StorageChange> changes = new ArrayList<>();
        PendingBatch batch;
        lock.lock();
        try {
            if (closed) {
                throw new DisconnectedException("Browser " + browserId + " is gone: its session was closed");
            }
            writes = cookiesForPage(writes, pageUrl);
            if (pendingWrites + writes.size() > limits.maxPendingWrites()) {
                throw new DisconnectedException("Browser " + browserId + " has " + pendingWrites
                        + " writes waiting for acknowledgement" + (transport == null ? " while disconnected" : "")
                        + "; " + writes.size() + " more would pass the limit of " + limits.maxPendingWrites());
            }
            checkLimits(writes);
            rememberCookieAttributes(writes);
            batch = new PendingBatch(new WriteBatch(nextBatchId++, writes));
            pending.put(batch.batch.id(), batch);
            pendingWrites += writes.size();
            for (Write write : writes) {
                StoredValue before = view.get(write.area()).get(write.key());
                String old = before == null ? null : before.text();
                if (!Objects.equals(old, write.value())) {
                    setView(write.area(), write.key(), write.value());
                    changes.add(new StorageChange(
                            write.area(), write.key(), old, write.value(), ChangeSource.SERVER_WRITE));
                }
            }
            if (transport != null) {
                send(batch);
            }
        } finally {
            lock.unlock();
        }
        fire(changes);
        return batch.completion.minimalCompletionStage();
    }

    /**
     * Accepts cookie writes made while the server handles an HTTP request of this browser: they
     * become {@code Set-Cookie} headers on the exchange's response instead of a batch over the
     * socket (HttpOnly allowed: a header carries it). They are adjusted and checked as {@link #write}
     * checks cookies, against the request's URL and the cookies it carries, all of them before the
     * first header is added: a refused write leaves the response untouched. The session remembers
     * their attributes; once the browser has sent what it holds, its socket side learns of each
     * cookie the page can see as a browser change, which it is once the response arrives.
     *
     * @param exchange the HTTP exchange whose response carries the cookies
     * @param writes cookie writes, applied in order
     * @return completes at once: the response carries the cookies
     * @throws dev.browserstorage.InvalidCookieException if a cookie breaks a rule the browser
     *     enforces, its name is {@linkplain #reservedCookieNames() reserved}, or the browser's cookies
     *     would pass the request-header budget; no header is added
     * @throws IllegalArgumentException if a write is not a cookie write
     */
    public CompletionStage<Void> writeToResponse(HttpCookies exchange, List<Write> writes) {
        Objects.requireNonNull(exchange, "exchange");
        for (Write write : writes) {
            if (write.area() != StorageArea.COOKIE) {
                throw new IllegalArgumentException("Only cookies go on an HTTP response, not "
                        + write.area().wireName() + " key '" + abbreviate(write.key()) + "'");
            }
        }
        URI requestUrl = exchange.requestUrl();
        List<Write> adjusted = cookiesForPage(writes, requestUrl);
        Map<String, String> jar = new TreeMap<>(exchange.cookies());
        for (Write write : adjusted) {
            checkCookie(write, requestUrl, false);
            checkCookieHeader(write, jar);
        }
        for (Write write : adjusted) {
            if (write.isRemoval()) {
                exchange.deleteCookie(write.key(), write.cookieOptions());
            } else {
                exchange.setCookie(write.key(), write.value(), write.cookieOptions());
            }
        }
        lock.lock();
        try {
            rememberCookieAttributes(adjusted);
        } finally {
            lock.unlock();
        }
        // HttpOnly values stay out of the socket side, as the page never sees them.
        if (isHydrated()) {
            for (Write write : adjusted) {
                if (!write.cookieOptions().httpOnly()) {
                    browserChanged(StorageArea.COOKIE, write.key(), write.value());
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private void checkLimits(List<Write> writes) {
        Map<StorageArea, Long> projected = new EnumMap<>(StorageArea.class);
        Map<String, String> overlay = new HashMap<>();
        Map<String, String> cookies = null;
        for (Write write : writes) {
            if (write.area() == StorageArea.COOKIE) {
                checkCookie(write, pageUrl, true);
                if (cookies == null) {
                    cookies = currentView(StorageArea.COOKIE);
                }
                checkCookieHeader(write, cookies);
                continue;
            }
            if (!ownsKey(write.key())) {
                throw new IllegalArgumentException(
                        "Key '" + write.key() + "' is outside the app's namespace '" + keyPrefix + "'");
            }
            if (write.value() != null) {
                long bytes = Utf8.length(write.value());
                if (bytes > limits.maxValueBytes()) {
                    throw new QuotaExceededException(
                            QuotaExceededException.Kind.VALUE_TOO_LARGE,
                            write.area(),
                            write.key(),
                            bytes,
                            limits.maxValueBytes(),
                            "Value for " + write.area().wireName() + " key '" + write.key()
                                    + "' is " + bytes + " bytes in UTF-8, over the limit of " + limits.maxValueBytes()
                                    + " bytes for one value; nothing was written. Store less, or split it over several keys.");
                }
            }
            String overlayKey = write.area().wireName() + '\u0000' + write.key();
            String old =
                    overlay.containsKey(overlayKey) ? overlay.get(overlayKey) : viewText(write.area(), write.key());
            overlay.put(overlayKey, write.value());
            long used = projected.getOrDefault(write.area(), unitsUsed.get(write.area())[0]);
            used += units(write.key(), write.value()) - units(write.key(), old);
            projected.put(write.area(), used);
            if (used > limits.maxAreaUnits() && write.value() != null) {
                throw new QuotaExceededException(
                        QuotaExceededException.Kind.AREA_QUOTA,
                        write.area(),
                        write.key(),
                        used,
                        limits.maxAreaUnits(),
                        "Writing " + write.area().wireName() + " key '" + write.key()
                                + "' would bring the app's " + write.area().wireName() + "Storage to " + used
                                + " UTF-16 units, over its budget of " + limits.maxAreaUnits()
                                + "; nothing was written. Remove keys the app no longer needs, or store less.");
            }
        }
    }

    /**
     * The one check every cookie write passes before anything is sent, over the socket or on an
     * HTTP response: that its name is not one of the framework's own cookies; over the socket, that
     * an HttpOnly cookie can be carried at all; then the cookie rules against the page (before the
     * page is known, the rules that need none).
     */
    private void checkCookie(Write write, URI page, boolean overSocket) {
        if (reservedCookieNames.contains(write.key())) {
            throw new InvalidCookieException(
                    CookieRule.RESERVED_NAME,
                    write.key(),
                    "Cookie '" + write.key()
                            + "' is browser-storage's own cookie and cannot be "
                            + (write.isRemoval() ? "deleted" : "set")
                            + " by the application: " + CookieRule.RESERVED_NAME.description()
                            + ". Give the application's"
                            + " cookie another name; nothing was written.");
        }
        if (overSocket && write.cookieOptions().httpOnly() && httpOnlyCommits == null) {
            throw new InvalidCookieException(
                    CookieRule.HTTP_ONLY_FROM_SCRIPT,
                    write.key(),
                    "Cookie '" + write.key() + "' is HttpOnly and is written outside an HTTP request, where only"
                            + " the browser's script could write it: " + CookieRule.HTTP_ONLY_FROM_SCRIPT.description()
                            + ". Write it while handling an HTTP request of the browser, or run on a server that"
                            + " issues commit URLs (the Quarkus extension does).");
        }
        if (write.isRemoval()) {
            CookieRules.checkDeclaration(write.key(), write.cookieOptions());
        } else if (page != null) {
            CookieRules.check(write.key(), write.value(), write.cookieOptions(), page);
        } else {
            CookieRules.checkDeclaration(write.key(), write.cookieOptions());
            CookieRules.checkValue(write.key(), write.value());
        }
    }

    /**
     * The browser applied a batch. Its writes become confirmed and its stage completes.
     *
     * @param batchId the batch's id
     * @return false if no such batch is pending (an unknown or repeated acknowledgement), which
     *     changes nothing
     */
    public boolean acknowledge(long batchId) {
        return acknowledge(batchId, true);
    }

    private boolean acknowledge(long batchId, boolean confirmStorage) {
        PendingBatch batch;
        List<StorageChange> changes = new ArrayList<>();
        lock.lock();
        try {
            batch = takePending(batchId);
            if (batch == null) {
                return false;
            }
            for (Write write : batch.batch.writes()) {
                if (!confirmStorage && write.area() != StorageArea.COOKIE) {
                    continue;
                }
                if (write.value() == null) {
                    confirmed.get(write.area()).remove(write.key());
                } else {
                    confirmed.get(write.area()).put(write.key(), write.value());
                }
            }
            // In order (the glue answers in order) this changes nothing; an acknowledgement that
            // overtakes an earlier batch on the same key must still leave the view equal to the
            // confirmed state with the remaining batches over it.
            recomputeKeys(batch.batch.writes(), ChangeSource.BROWSER, changes);
        } finally {
            lock.unlock();
        }
        fire(changes);
        batch.completion.complete(null);
        return true;
    }

    /**
     * The browser says it has applied every batch up to an id (its {@code hello} after a reconnect
     * carries the highest id it applied): those whose acknowledgement was lost with the connection
     * are acknowledged now.
     *
     * @param lastApplied the highest batch id the browser has applied
     * @return how many batches this acknowledged
     */
    public int acknowledgeThrough(long lastApplied) {
        return acknowledgeThrough(lastApplied, true);
    }

    private int acknowledgeThrough(long lastApplied, boolean confirmStorage) {
        int count = 0;
        for (long id : pendingBatchIds()) {
            if (id <= lastApplied && acknowledge(id, confirmStorage)) {
                count++;
            }
        }
        return count;
    }

    /**
     * What a browser's {@code hello} says it applied: every batch up to an id, whose acknowledgements
     * were lost with a connection, completes, as {@link #acknowledgeThrough} does; but the snapshot
     * the same {@code hello} carried (already {@linkplain #hydrate taken}) stays the confirmed state of
     * localStorage and sessionStorage. The browser read both in one step, after applying those
     * batches, so the snapshot shows their writes and any change made since (a user who edited a
     * value a batch wrote, before its acknowledgement reached the server), which taking the batches'
     * values again would hide. Their cookie writes are confirmed as an acknowledgement confirms
     * them: a page does not see every cookie (HttpOnly ones, other paths).
     *
     * @param lastApplied the highest batch id the browser has applied
     * @return how many batches this acknowledged
     */
    public int acknowledgeShownThrough(long lastApplied) {
        return acknowledgeThrough(lastApplied, false);
    }

    /**
     * Makes this session's batch ids continue above the highest id the browser has applied. A
     * browser keeps that number across server restarts and session evictions, while a new session
     * starts counting at 1: without this, the browser would take the new session's first batches
     * for ones it already applied, skip them and acknowledge them. Must be called with the
     * browser's {@code hello}, before {@link #acknowledgeThrough}: pending batches are renumbered in
     * order (none of them has reached this browser under its old id, since the browser had never
     * seen ids this high from this session) and will be sent on {@link #connect}.
     *
     * @param lastApplied the highest batch id the browser has applied
     * @return true if the ids were moved
     */
    public boolean continueBatchIdsAfter(long lastApplied) {
        lock.lock();
        try {
            if (lastApplied < nextBatchId) {
                return false;
            }
            long id = lastApplied + 1;
            List<PendingBatch> batches = new ArrayList<>(pending.values());
            pending.clear();
            for (PendingBatch batch : batches) {
                PendingBatch renumbered = new PendingBatch(batch.batch.withId(id), batch.completion);
                pending.put(id++, renumbered);
            }
            nextBatchId = id;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The browser could not apply a batch. The batch is taken back: readers see what the browser
     * holds, {@link ChangeSource#ROLLBACK} events fire for the keys that change back, and the
     * batch's stage fails with the error.
     *
     * @param batchId the batch's id
     * @param error the typed error to fail the stage with
     * @return false if no such batch is pending, which changes nothing
     */
    public boolean fail(long batchId, BrowserStorageException error) {
        Objects.requireNonNull(error, "error");
        PendingBatch batch;
        List<StorageChange> changes = new ArrayList<>();
        lock.lock();
        try {
            batch = takePending(batchId);
            if (batch == null) {
                return false;
            }
            recomputeKeys(batch.batch.writes(), ChangeSource.ROLLBACK, changes);
        } finally {
            lock.unlock();
        }
        fire(changes);
        batch.completion.completeExceptionally(error);
        return true;
    }

    /**
     * The browser changed a key by itself (a bound field, another tab, page script, devtools). The
     * change becomes confirmed; readers see it unless a pending server write to the same key is
     * still on its way (the browser will apply that write after this change).
     *
     * @param area the area
     * @param key the browser's key
     * @param newValue the new text, or {@code null} if the key was removed
     * @throws IllegalArgumentException if the key is outside the app's namespace or the value is
     *     over a limit; the session is then unchanged
     */
    public void browserChanged(StorageArea area, String key, String newValue) {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(key, "key");
        List<StorageChange> changes = new ArrayList<>();
        lock.lock();
        try {
            if (area == StorageArea.COOKIE) {
                checkBrowserCookie(key, newValue);
                checkReportedCookie(key, newValue);
            } else {
                if (!ownsKey(key)) {
                    throw new IllegalArgumentException("Browser " + browserId + " reported " + area.wireName()
                            + " key '" + abbreviate(key) + "' outside the app's namespace '" + keyPrefix + "'");
                }
                long bytes = newValue == null ? 0 : Utf8.length(newValue);
                if (bytes > limits.maxValueBytes()) {
                    throw new IllegalArgumentException("Browser " + browserId + " reported a value of "
                            + bytes + " bytes for " + area.wireName() + " key '" + abbreviate(key)
                            + "', over the limit of " + limits.maxValueBytes());
                }
                checkBrowserChangeBudget(area, key, newValue);
            }
            Map<String, String> target = confirmed.get(area);
            if (newValue == null) {
                target.remove(key);
            } else {
                target.put(key, newValue);
            }
            recomputeKey(area, key, ChangeSource.BROWSER, changes);
        } finally {
            lock.unlock();
        }
        fire(changes);
    }

    /**
     * A browser's change may not take its area past the app's budget: the browser enforces its own
     * quota, so only a forged frame gets here, and without this check one connection could grow
     * the server's copy without bound, one new key at a time.
     */
    private void checkBrowserChangeBudget(StorageArea area, String key, String newValue) {
        long growth = units(key, newValue) - units(key, confirmed.get(area).get(key));
        long used = unitsUsed.get(area)[0];
        if (growth > 0 && used + growth > limits.maxAreaUnits()) {
            throw new IllegalArgumentException("Browser " + browserId + " reported " + area.wireName() + " key '"
                    + abbreviate(key) + "' that would take the area to " + (used + growth)
                    + " UTF-16 units, over the app's budget of " + limits.maxAreaUnits());
        }
    }

    /**
     * A browser does not show a page more than {@link #MAX_COOKIES} cookies: a forged frame could
     * otherwise grow the server's copy one new cookie at a time ({@link #checkReportedCookie} bounds
     * each one's size and their total).
     */
    private void checkBrowserCookie(String name, String newValue) {
        if (newValue == null) {
            return;
        }
        Map<String, String> cookies = confirmed.get(StorageArea.COOKIE);
        if (!cookies.containsKey(name) && cookies.size() >= MAX_COOKIES) {
            throw new IllegalArgumentException("Browser " + browserId + " reported a new cookie '" + abbreviate(name)
                    + "' over the limit of " + MAX_COOKIES + " cookies");
        }
    }

    // ---------------------------------------------------------------- tabs

    /**
     * The session of one of the browser's tabs: that tab's sessionStorage, with batches of its own
     * that only the tab's connection receives, and its own hydration (reads throw
     * {@link NotHydratedException} until the tab has sent what it holds). Made on first use. When a
     * new tab would pass {@link StorageLimits#maxTabs()}, the disconnected tab idle longest is
     * dropped: its pending writes fail with {@link DisconnectedException}.
     *
     * @param tabId the tab's id: 1 to 64 letters, digits, {@code _} or {@code -}
     * @return the tab's session
     * @throws IllegalArgumentException if the id is malformed
     * @throws IllegalStateException if this is itself a tab's session, or every tab of the browser
     *     is connected and there are already as many as the limit allows
     * @throws DisconnectedException if the browser's session is closed
     */
    public Browser tab(String tabId) {
        Objects.requireNonNull(tabId, "tabId");
        if (this.tabId != null) {
            throw new IllegalStateException(
                    "Tab " + this.tabId + " of browser " + browserId + " has no tabs of its own");
        }
        if (!TabId.isValid(tabId)) {
            throw new IllegalArgumentException("Tab id '" + abbreviate(tabId) + "' must be " + TabId.RULE);
        }
        Browser tab;
        Browser dropped = null;
        lock.lock();
        try {
            if (closed) {
                throw new DisconnectedException("Browser " + browserId + " is gone: its session was closed");
            }
            tab = tabs.get(tabId);
            if (tab == null) {
                if (tabs.size() >= limits.maxTabs()) {
                    dropped = tabs.values().stream()
                            .filter(t -> !t.isConnected())
                            .findFirst()
                            .orElseThrow(() -> new IllegalStateException("Browser " + browserId + " already has "
                                    + tabs.size() + " connected tabs, the most it may have"));
                    tabs.remove(dropped.tabId);
                }
                // A tab is the same browser: its writes must not touch the framework's cookies either.
                tab = new Browser(
                        builder(browserId, appId).limits(limits).clock(clock).reservedCookieNames(reservedCookieNames),
                        tabId);
                tabs.put(tabId, tab);
            }
            tab.lastActive = clock.instant();
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Dropped idle tab " + dropped.tabId + " of browser " + browserId + " to make room for tab "
                            + tabId);
            dropped.close();
        }
        return tab;
    }

    /**
     * The session of a tab, if the browser has that tab.
     *
     * @param tabId the tab's id
     * @return its session
     */
    public Optional<Browser> findTab(String tabId) {
        lock.lock();
        try {
            // get() would count as an access and reorder the tabs.
            for (Map.Entry<String, Browser> entry : tabs.entrySet()) {
                if (entry.getKey().equals(tabId)) {
                    return Optional.of(entry.getValue());
                }
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** @return the ids of the browser's tabs, least recently active first */
    public List<String> tabIds() {
        lock.lock();
        try {
            return List.copyOf(tabs.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the tabs that are disconnected and have not been active since a moment (tabs closed for
     * good never say so): their pending writes fail with {@link DisconnectedException}.
     *
     * @param cutoff tabs last active before this are dropped
     * @return how many tabs were dropped
     */
    public int dropTabsIdleSince(Instant cutoff) {
        List<Browser> dropped = new ArrayList<>();
        lock.lock();
        try {
            tabs.values().removeIf(tab -> {
                boolean idle = !tab.isConnected() && tab.lastActive.isBefore(cutoff);
                if (idle) {
                    dropped.add(tab);
                }
                return idle;
            });
        } finally {
            lock.unlock();
        }
        dropped.forEach(Browser::close);
        return dropped.size();
    }

    // ---------------------------------------------------------------- connection

    /**
     * The browser is connected through a transport: every pending batch is sent again, in id order,
     * and later batches go out as they are written.
     *
     * @param transport the transport
     */
    public void connect(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        lock.lock();
        try {
            if (closed) {
                throw new DisconnectedException("Browser " + browserId + " is gone: its session was closed");
            }
            transports.remove(transport);
            transports.add(transport);
            this.transport = transport;
            lastActive = clock.instant();
            for (PendingBatch batch : pending.values()) {
                send(batch);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The browser's connection is gone. Pending batches stay pending, to be sent again on the next
     * {@link #connect}; new writes queue up to the pending limit.
     */
    public void disconnect() {
        lock.lock();
        try {
            transports.clear();
            transport = null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One connection of the browser is gone. A browser with several tabs has several connections;
     * batches go through the newest. When that one closes, the newest of the others takes over and
     * receives every pending batch again (a batch the closed tab already applied is only
     * acknowledged: the applied count is shared by the browser's tabs). With no other connection,
     * the session is disconnected and writes wait.
     *
     * @param gone the transport of the connection that closed
     * @return true if it was the current transport
     */
    public boolean disconnect(Transport gone) {
        lock.lock();
        try {
            transports.remove(gone);
            lastActive = clock.instant();
            if (transport != gone) {
                return false;
            }
            transport = transports.isEmpty() ? null : transports.get(transports.size() - 1);
            if (transport != null) {
                for (PendingBatch batch : pending.values()) {
                    send(batch);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return true while a transport is connected */
    public boolean isConnected() {
        lock.lock();
        try {
            return transport != null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The browser (or tab) is gone for good. Every pending batch fails with
     * {@link DisconnectedException} (it was never acknowledged, so it is never reported as done),
     * and later writes throw it. Closing a browser's session closes its tabs.
     */
    public void close() {
        List<PendingBatch> dropped;
        List<Browser> closedTabs;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closedTabs = new ArrayList<>(tabs.values());
            tabs.clear();
            transports.clear();
            transport = null;
            dropped = new ArrayList<>(pending.values());
            pending.clear();
            pendingWrites = 0;
        } finally {
            lock.unlock();
        }
        DisconnectedException gone = new DisconnectedException("Browser " + browserId
                + " went away before acknowledging the write; it may or may not have applied it");
        hydrated.completeExceptionally(gone);
        for (PendingBatch batch : dropped) {
            batch.completion.completeExceptionally(gone);
        }
        closedTabs.forEach(Browser::close);
    }

    /** @return the ids of the batches waiting for acknowledgement, in order */
    public List<Long> pendingBatchIds() {
        lock.lock();
        try {
            return List.copyOf(pending.keySet());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The batches waiting for acknowledgement, in id order, as they are now: what a page rendered
     * for this browser (or tab) may carry so that the glue applies them before its socket connects.
     * Only reads: nothing is sent, acknowledged or renumbered. The ids of a session that has not
     * had its browser's {@code hello} yet are provisional ({@link #continueBatchIdsAfter}); the
     * tokens are not.
     *
     * @return an unmodifiable copy
     */
    public List<WriteBatch> pendingBatches() {
        lock.lock();
        try {
            return pending.values().stream().map(batch -> batch.batch).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Removes a pending batch and its writes from the pending count; called with the lock held. */
    private PendingBatch takePending(long batchId) {
        PendingBatch batch = pending.remove(batchId);
        if (batch != null) {
            pendingWrites -= batch.batch.writes().size();
        }
        return batch;
    }

    private void send(PendingBatch batch) {
        try {
            transport.send(batch.batch);
        } catch (RuntimeException e) {
            // The batch stays pending: a failed send is a lost connection, and connect() resends it.
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Sending batch " + batch.batch.id() + " to browser " + browserId + " failed",
                    e);
        }
    }

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
        return register(new ListenerEntry(area, key, false, listener));
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
        return register(new ListenerEntry(area, prefix, true, listener));
    }

    private Registration register(ListenerEntry entry) {
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    private void fire(List<StorageChange> changes) {
        for (StorageChange change : changes) {
            for (ListenerEntry entry : listeners) {
                if (entry.matches(change)) {
                    try {
                        entry.listener.onChange(change);
                    } catch (RuntimeException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "A storage listener failed on " + change.area().wireName() + " key '" + change.key()
                                        + "'",
                                e);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- cookies

    /** @return the budget of the {@code Cookie} header this session keeps cookie writes within */
    public CookieHeaderBudget cookieHeaderBudget() {
        return cookieHeaderBudget;
    }

    /**
     * The names of the cookies the framework keeps for itself, which every write refuses ({@link
     * Builder#reservedCookieNames}).
     *
     * @return the names, sorted; empty if none are reserved
     */
    public Set<String> reservedCookieNames() {
        return reservedCookieNames;
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
        lock.lock();
        try {
            return Optional.ofNullable(cookieAttributes.get(name));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writes as they go to {@code page} (the page or request URL, {@code null} if unknown): each
     * cookie's options as declared, with the lifetime capped at 400 days from now as browsers cap it
     * ({@link CookieRules#capLifetime}), and without Secure under the development allowance for
     * plain-http localhost when it is on. Every write, over the socket or on an HTTP response, goes
     * through here before it is checked, so that what is checked, sent, remembered and reported back
     * is what the browser will hold.
     */
    private List<Write> cookiesForPage(List<Write> writes, URI page) {
        List<Write> adjusted = new ArrayList<>(writes.size());
        for (Write write : writes) {
            if (write.area() != StorageArea.COOKIE) {
                adjusted.add(write);
                continue;
            }
            CookieOptions options = CookieRules.capLifetime(write.cookieOptions(), clock.instant());
            if (insecureLocalhostCookies) {
                options = InsecureLocalhost.adjust(write.key(), options, page);
            }
            adjusted.add(new Write(StorageArea.COOKIE, write.key(), write.value(), options));
        }
        return adjusted;
    }

    /**
     * A snapshot's cookies with those this server wrote, knows to be live, and the page cannot see:
     * HttpOnly ones, and ones whose path does not cover the page's ({@code document.cookie} shows
     * neither), so a reconnect from another page must not read as their deletion. Called with the
     * lock held.
     */
    private Map<String, String> withCookiesThePageCannotSee(Map<String, String> snapshotCookies) {
        Map<String, String> cookies = new HashMap<>(snapshotCookies);
        Instant now = clock.instant();
        String pagePath = pageUrl == null
                        || pageUrl.getPath() == null
                        || pageUrl.getPath().isEmpty()
                ? "/"
                : pageUrl.getPath();
        cookieAttributes.forEach((name, attributes) -> {
            String known = confirmed.get(StorageArea.COOKIE).get(name);
            boolean live = attributes.expiresAt().map(now::isBefore).orElse(true);
            boolean hidden = attributes.options().httpOnly()
                    || !pathCovers(attributes.options().path(), pagePath);
            if (hidden && known != null && live) {
                cookies.putIfAbsent(name, known);
            }
        });
        return cookies;
    }

    /** Path-matching (RFC 6265bis §5.1.4): whether a cookie with this path is sent to a page at that one. */
    private static boolean pathCovers(String cookiePath, String pagePath) {
        return pagePath.equals(cookiePath)
                || (pagePath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || pagePath.charAt(cookiePath.length()) == '/'));
    }

    /** Called with the lock held, once writes are accepted. */
    private void rememberCookieAttributes(List<Write> writes) {
        for (Write write : writes) {
            if (write.area() == StorageArea.COOKIE) {
                if (write.isRemoval()) {
                    cookieAttributes.remove(write.key());
                } else {
                    cookieAttributes.put(write.key(), new CookieAttributes(write.cookieOptions(), clock.instant()));
                }
            }
        }
    }

    /** Keeps the Cookie header within the budget, counting the batch's earlier cookie writes. */
    private void checkCookieHeader(Write write, Map<String, String> cookies) {
        cookieHeaderBudget.check(cookies, write.key(), write.value());
        if (write.isRemoval()) {
            cookies.remove(write.key());
        } else {
            cookies.put(write.key(), write.value());
        }
    }

    /**
     * A cookie the browser reports is untrusted: one no browser would hold (over the size rule, a
     * character that ends a cookie) or one that would make the browser's cookies absurdly large is
     * refused.
     */
    private void checkReportedCookie(String name, String value) {
        if (value == null) {
            return;
        }
        if (name.indexOf(';') >= 0 || value.indexOf(';') >= 0 || name.indexOf('=') >= 0) {
            throw new IllegalArgumentException("Browser " + browserId + " reported cookie '" + abbreviate(name)
                    + "' with a ';' or '=' no browser keeps in a cookie name or value");
        }
        int bytes = CookieRules.nameValueBytes(name, value);
        if (bytes > CookieRules.MAX_NAME_VALUE_BYTES) {
            throw new IllegalArgumentException("Browser " + browserId + " reported cookie '" + abbreviate(name)
                    + "' of " + bytes + " bytes, over the " + CookieRules.MAX_NAME_VALUE_BYTES + " browsers keep");
        }
        Map<String, String> after = new HashMap<>(confirmed.get(StorageArea.COOKIE));
        after.put(name, value);
        if (CookieHeaderBudget.headerBytes(after) > 4L * cookieHeaderBudget.maxBytes()) {
            throw new IllegalArgumentException(
                    "Browser " + browserId + " reported cookies of " + CookieHeaderBudget.headerBytes(after)
                            + " bytes, far over the budget of " + cookieHeaderBudget.maxBytes());
        }
    }

    // ---------------------------------------------------------------- the view

    private String viewText(StorageArea area, String key) {
        StoredValue value = view.get(area).get(key);
        return value == null ? null : value.text();
    }

    private SortedMap<String, String> currentView(StorageArea area) {
        SortedMap<String, String> copy = new TreeMap<>();
        view.get(area).forEach((key, value) -> copy.put(key, value.text()));
        return copy;
    }

    private void setView(StorageArea area, String key, String text) {
        String old = viewText(area, key);
        if (text == null) {
            view.get(area).remove(key);
        } else {
            view.get(area).put(key, new StoredValue(text));
        }
        if (area != StorageArea.COOKIE) {
            unitsUsed.get(area)[0] += units(key, text) - units(key, old);
        }
    }

    private void rebuildView(StorageArea area) {
        Map<String, String> target = new HashMap<>(confirmed.get(area));
        for (PendingBatch batch : pending.values()) {
            for (Write write : batch.batch.writes()) {
                if (write.area() == area) {
                    if (write.value() == null) {
                        target.remove(write.key());
                    } else {
                        target.put(write.key(), write.value());
                    }
                }
            }
        }
        Set<String> keys = new LinkedHashSet<>(view.get(area).keySet());
        keys.addAll(target.keySet());
        for (String key : keys) {
            String wanted = target.get(key);
            if (!Objects.equals(viewText(area, key), wanted)) {
                setView(area, key, wanted);
            }
        }
    }

    private void recomputeKeys(List<Write> writes, ChangeSource source, List<StorageChange> changes) {
        Set<Map.Entry<StorageArea, String>> seen = new LinkedHashSet<>();
        for (Write write : writes) {
            if (seen.add(Map.entry(write.area(), write.key()))) {
                recomputeKey(write.area(), write.key(), source, changes);
            }
        }
    }

    private void recomputeKey(StorageArea area, String key, ChangeSource source, List<StorageChange> changes) {
        String wanted = confirmed.get(area).get(key);
        for (PendingBatch batch : pending.values()) {
            for (Write write : batch.batch.writes()) {
                if (write.area() == area && write.key().equals(key)) {
                    wanted = write.value();
                }
            }
        }
        String old = viewText(area, key);
        if (!Objects.equals(old, wanted)) {
            setView(area, key, wanted);
            changes.add(new StorageChange(area, key, old, wanted, source));
        }
    }

    private static void diff(
            StorageArea area,
            Map<String, String> before,
            Map<String, String> after,
            ChangeSource source,
            List<StorageChange> changes) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String old = before.get(key);
            String now = after.get(key);
            if (!Objects.equals(old, now)) {
                changes.add(new StorageChange(area, key, old, now, source));
            }
        }
    }

    private static long units(String key, String value) {
        return value == null ? 0 : key.length() + value.length();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static final class PendingBatch {
        final WriteBatch batch;
        final CompletableFuture<Void> completion;

        PendingBatch(WriteBatch batch) {
            this(batch, new CompletableFuture<>());
        }

        PendingBatch(WriteBatch batch, CompletableFuture<Void> completion) {
            this.batch = batch;
            this.completion = completion;
        }
    }

    private static final class ListenerEntry {
        final StorageArea area;
        final String key;
        final boolean prefix;
        final StorageListener listener;

        ListenerEntry(StorageArea area, String key, boolean prefix, StorageListener listener) {
            this.area = Objects.requireNonNull(area, "area");
            this.key = Objects.requireNonNull(key, "key");
            this.prefix = prefix;
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        boolean matches(StorageChange change) {
            return change.area() == area
                    && (prefix ? change.key().startsWith(key) : change.key().equals(key));
        }
    }

    /** Builds a {@link Browser}. */
    public static final class Builder {
        private final String browserId;
        private final String appId;
        private StorageLimits limits = StorageLimits.defaults();
        private Clock clock = Clock.systemUTC();
        private CookieHeaderBudget cookieHeaderBudget = CookieHeaderBudget.defaults();
        private HttpOnlyCommits httpOnlyCommits;
        private boolean insecureLocalhostCookies;
        private Set<String> reservedCookieNames = Collections.emptySortedSet();

        private Builder(String browserId, String appId) {
            this.browserId = Objects.requireNonNull(browserId, "browserId");
            this.appId = Objects.requireNonNull(appId, "appId");
            if (appId.isEmpty() || appId.indexOf(':') >= 0) {
                throw new IllegalArgumentException("App id '" + appId + "' must be non-empty and without ':'");
            }
        }

        /**
         * Sets the limits to enforce.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(StorageLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the clock for lifetimes ({@code @Ttl}, cookie expiry checks).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the budget of the {@code Cookie} header the browser sends: a cookie write that would
         * pass it is refused. Default {@link CookieHeaderBudget#defaults()}.
         *
         * @param budget the budget
         * @return this builder
         */
        public Builder cookieHeaderBudget(CookieHeaderBudget budget) {
            this.cookieHeaderBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Sets who issues commit URLs for HttpOnly cookies written over the sync socket. Default none:
         * such writes are refused.
         *
         * @param commits the issuer
         * @return this builder
         */
        public Builder httpOnlyCommits(HttpOnlyCommits commits) {
            this.httpOnlyCommits = Objects.requireNonNull(commits, "commits");
            return this;
        }

        /**
         * Turns on the development allowance for plain-http localhost ({@link
         * dev.browserstorage.cookie.InsecureLocalhost}): cookies written to such a page lose their
         * Secure flag where no rule needs it. Default off; never turn it on in production.
         *
         * @param allowed whether the allowance applies
         * @return this builder
         */
        public Builder insecureLocalhostCookies(boolean allowed) {
            this.insecureLocalhostCookies = allowed;
            return this;
        }

        /**
         * Reserves the names of the cookies a framework adapter keeps for itself, such as the Quarkus
         * extension's browser-id cookie ({@code __bs_id}, {@code __Host-bs_id}, or as configured) and
         * the glue's tab cookie {@code __bs_tab}: app code overwriting or deleting one would break or
         * weaken the browser's identity. Every write of such a cookie (a typed store's, {@code
         * BrowserCookies}', a batch's, over the socket or on an HTTP response, set or delete) is
         * refused with {@link CookieRule#RESERVED_NAME} before anything is written. Names match
         * exactly, case included, as browsers tell cookies apart: {@code BS_ID} is another cookie
         * and leaves {@code bs_id} untouched. The session's tabs inherit them. Default: none.
         *
         * @param names the reserved cookie names
         * @return this builder
         */
        public Builder reservedCookieNames(Set<String> names) {
            Objects.requireNonNull(names, "names");
            names.forEach(name -> Objects.requireNonNull(name, "a reserved cookie name"));
            this.reservedCookieNames = Collections.unmodifiableSortedSet(new TreeSet<>(names));
            return this;
        }

        /** @return the session, not hydrated and not connected */
        public Browser build() {
            return new Browser(this, null);
        }
    }
}
