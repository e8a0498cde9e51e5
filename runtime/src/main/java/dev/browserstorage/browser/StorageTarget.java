package dev.browserstorage.browser;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.DisconnectedException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieWritePolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What a store reads and writes: a {@link Browser} (its localStorage and cookies), or one of its
 * {@link Tab}s (that tab's sessionStorage). Both know what the page holds, what the server has
 * written to it and is waiting to hear back about, and who listens for changes. A façade that holds
 * the lock over its parts, each with one job:
 *
 * <ul>
 *   <li>{@link StorageLayers}: per storage area, the <em>confirmed</em> values (what the browser has
 *       said it holds: its snapshot, its own changes, every acknowledged write) and the view readers
 *       see, the {@link PendingBatches} (server writes not acknowledged yet) applied over them in id
 *       order, so code reads its own writes at once. An acknowledgement moves a batch into the
 *       confirmed layer; a failure drops it, and readers see exactly the state the browser is in;
 *   <li>{@link StorageChecks}: the {@link StorageLimits} on every write, and the checks on what the
 *       browser sends; {@link WrittenCookies}: the one {@link CookieWritePolicy} every cookie write
 *       passes, and the attributes of the cookies written. A write that would pass a limit throws at
 *       once and changes nothing;
 *   <li>{@link Connections}, {@link Listeners}: its sockets, and who listens for changes.
 * </ul>
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
    private static final System.Logger LOG = System.getLogger(StorageTarget.class.getName());

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
    private final PendingBatches pending = new PendingBatches();
    private final StorageLayers layers = new StorageLayers(pending);
    private final StorageChecks checks;
    private final WrittenCookies cookies;
    private final Connections connections = new Connections();
    private final Listeners listeners = new Listeners();
    private final CompletableFuture<Void> hydrated = new CompletableFuture<>();

    /** When a connection last opened or closed (or, for a tab, the tab was last looked up). */
    volatile Instant lastActive;

    private URI pageUrl;
    private boolean closed;

    StorageTarget(BrowserBuilder builder) {
        this.browserId = builder.browserId;
        this.appId = builder.appId;
        this.keyPrefix = builder.appId + ":";
        this.limits = builder.limits;
        this.clock = builder.clock;
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
    private void changing(java.util.function.Consumer<List<StorageChange>> action) {
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
     * Takes the browser's snapshot as the confirmed state of every area. Pending writes stay pending
     * and are seen over it. The first snapshot fires no change events; a later one (after a
     * reconnect) fires {@link ChangeSource#HYDRATION} events for every key whose value differs.
     *
     * @param snapshot what the browser holds
     * @throws RefusedChangeException if the snapshot has keys outside the app's namespace or more
     *     than the app's budget; nothing is then changed
     */
    public void hydrate(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        checks.checkSnapshot(StorageArea.LOCAL, snapshot.local());
        checks.checkSnapshot(StorageArea.SESSION, snapshot.session());
        if (snapshot.cookies().size() > MAX_COOKIES) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Snapshot of browser " + browserId + " has "
                            + snapshot.cookies().size() + " cookies, over the limit of " + MAX_COOKIES);
        }
        changing(changes -> {
            List<StorageChange> reported = hydrated.isDone() ? changes : null;
            pageUrl = snapshot.pageUrl();
            layers.replaceConfirmed(StorageArea.LOCAL, snapshot.local(), reported);
            layers.replaceConfirmed(StorageArea.SESSION, snapshot.session(), reported);
            var known = cookies.withHidden(snapshot.cookies(), layers.confirmed(StorageArea.COOKIE), pageUrl);
            layers.replaceConfirmed(StorageArea.COOKIE, known, reported);
        });
        hydrated.complete(null);
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
        if (writes.isEmpty()) {
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
            batch = pending.add(prepared);
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
        Objects.requireNonNull(exchange, "exchange");
        for (Write write : writes) {
            if (write.area() != StorageArea.COOKIE) {
                throw new IllegalArgumentException("Only cookies go on an HTTP response, not "
                        + write.area().wireName() + " key '" + StorageChecks.abbreviate(write.key()) + "'");
            }
        }
        List<Write> prepared =
                locked(() -> cookies.prepare(writes, exchange.requestUrl(), new TreeMap<>(exchange.cookies()), true));
        for (Write write : prepared) {
            if (write.isRemoval()) {
                exchange.deleteCookie(write.key(), write.cookieOptions());
            } else {
                exchange.setCookie(write.key(), write.value(), write.cookieOptions());
            }
        }
        locked(() -> {
            cookies.remember(prepared);
            return null;
        });
        // HttpOnly values stay out of the socket side, as the page never sees them.
        if (isHydrated()) {
            for (Write write : prepared) {
                if (!write.cookieOptions().httpOnly()) {
                    browserChanged(StorageArea.COOKIE, write.key(), write.value());
                }
            }
        }
        return CompletableFuture.completedFuture(null);
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

    // ---------------------------------------------------------------- acknowledgements

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
        PendingBatches.Pending[] taken = {null};
        changing(changes -> {
            taken[0] = pending.take(batchId);
            if (taken[0] == null) {
                return;
            }
            for (Write write : taken[0].batch().writes()) {
                if (confirmStorage || write.area() == StorageArea.COOKIE) {
                    layers.confirm(write.area(), write.key(), write.value());
                }
            }
            // In order (the glue answers in order) this changes nothing; an acknowledgement that
            // overtakes an earlier batch on the same key must still leave the view equal to the
            // confirmed state with the remaining batches over it.
            layers.recompute(taken[0].batch().writes(), ChangeSource.BROWSER, changes);
        });
        if (taken[0] == null) {
            return false;
        }
        taken[0].completion().complete(null);
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
     * Makes this browser's batch ids continue above the highest id the browser has applied. A
     * browser keeps that number across server restarts and evictions, while a new {@code Browser}
     * starts counting at 1: without this, the browser would take the new one's first batches for
     * ones it already applied, skip them and acknowledge them. Must be called with the browser's
     * {@code hello}, before {@link #acknowledgeThrough}: pending batches are renumbered in order
     * (none of them has reached this browser under its old id, since the browser had never seen ids
     * this high from this server) and will be sent on {@link #connect}.
     *
     * @param lastApplied the highest batch id the browser has applied
     * @return true if the ids were moved
     */
    public boolean continueBatchIdsAfter(long lastApplied) {
        return locked(() -> pending.continueAfter(lastApplied));
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
        PendingBatches.Pending[] taken = {null};
        changing(changes -> {
            taken[0] = pending.take(batchId);
            if (taken[0] != null) {
                layers.recompute(taken[0].batch().writes(), ChangeSource.ROLLBACK, changes);
            }
        });
        if (taken[0] == null) {
            return false;
        }
        taken[0].completion().completeExceptionally(error);
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
     * @throws RefusedChangeException if the key is outside the app's namespace or the value is over
     *     a limit; nothing is then changed
     */
    public void browserChanged(StorageArea area, String key, String newValue) {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(key, "key");
        changing(changes -> {
            checks.checkBrowserChange(area, key, newValue);
            layers.confirm(area, key, newValue);
            layers.recompute(area, key, ChangeSource.BROWSER, changes);
        });
    }

    /** @return the ids of the batches waiting for acknowledgement, in order */
    public List<Long> pendingBatchIds() {
        return locked(pending::ids);
    }

    /**
     * The batches waiting for acknowledgement, in id order, as they are now: what a page rendered
     * for this browser (or tab) may carry so that the glue applies them before its socket connects.
     * Only reads: nothing is sent, acknowledged or renumbered. The ids of a browser that has not had
     * its {@code hello} yet are provisional ({@link #continueBatchIdsAfter}); the tokens are not.
     *
     * @return an unmodifiable copy
     */
    public List<WriteBatch> pendingBatches() {
        return locked(pending::batches);
    }

    // ---------------------------------------------------------------- connections

    /**
     * The browser is connected through a transport: every pending batch is sent again, in id order,
     * and later batches go out as they are written.
     *
     * @param transport the transport
     */
    public void connect(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        locked(() -> {
            requireOpen();
            connections.add(transport);
            lastActive = clock.instant();
            connections.send(pending.all(), browserId);
            return null;
        });
    }

    /**
     * The browser's connection is gone. Pending batches stay pending, to be sent again on the next
     * {@link #connect}; new writes queue up to the pending limit.
     */
    public void disconnect() {
        locked(() -> {
            connections.clear();
            return null;
        });
    }

    /**
     * One connection of the browser is gone. A browser with several tabs has several connections;
     * batches go through the newest. When that one closes, the newest of the others takes over and
     * receives every pending batch again (a batch the closed tab already applied is only
     * acknowledged: the applied count is shared by the browser's tabs). With no other connection,
     * the browser is disconnected and writes wait.
     *
     * @param gone the transport of the connection that closed
     * @return true if it was the current transport
     */
    public boolean disconnect(Transport gone) {
        return locked(() -> {
            lastActive = clock.instant();
            if (!connections.remove(gone)) {
                return false;
            }
            connections.send(pending.all(), browserId);
            return true;
        });
    }

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
