package dev.browserstorage.browser;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.StorageArea;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;

/**
 * The side of a {@link Browser} or {@link Tab} that the sync protocol drives: the browser's
 * snapshot, its acknowledgements and failures, its own changes, its connections, and the batches a
 * rendered page carries. Reach it with {@link StorageTarget#link()}.
 *
 * <p><strong>Internal:</strong> public only so that the protocol ({@code
 * dev.browserstorage.protocol.SyncConnection}), the in-memory browser of tests ({@code
 * dev.browserstorage.testing.InMemoryBrowser}) and framework adapters (the Quarkus extension's
 * endpoint) can call it. Application code reads and writes through the {@link StorageTarget}
 * instead; calling these methods would tell the server things the browser never said.
 *
 * <p>Thread safe: every method but {@link #decodedValues} (lock-free by design) takes its target's lock, and listeners run and stages complete after
 * it is released, as {@link StorageTarget} describes.
 */
public final class BrowserLink {
    private static final System.Logger LOG = System.getLogger(BrowserLink.class.getName());

    private final StorageTarget target;

    BrowserLink(StorageTarget target) {
        this.target = target;
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
        target.checks.checkSnapshot(StorageArea.LOCAL, snapshot.local());
        target.checks.checkSnapshot(StorageArea.SESSION, snapshot.session());
        if (snapshot.cookies().size() > StorageTarget.MAX_COOKIES) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Snapshot of browser " + target.browserId() + " has "
                            + snapshot.cookies().size() + " cookies, over the limit of " + StorageTarget.MAX_COOKIES);
        }
        target.changing(changes -> {
            List<StorageChange> reported = target.hydrated.isDone() ? changes : null;
            target.pageUrl = snapshot.pageUrl();
            target.layers.replaceConfirmed(StorageArea.LOCAL, snapshot.local(), reported);
            target.layers.replaceConfirmed(StorageArea.SESSION, snapshot.session(), reported);
            var known = target.cookies.withHidden(
                    snapshot.cookies(), target.layers.confirmed(StorageArea.COOKIE), target.pageUrl);
            target.layers.replaceConfirmed(StorageArea.COOKIE, known, reported);
        });
        target.unavailable = null;
        try {
            afterHydrate();
        } finally {
            // After the step: code waiting for the hydration (and its stages' dependents, which run
            // right here) reads the migrated values, never the view the migration replaces.
            target.hydrated.complete(null);
        }
    }

    /** Runs the builder's {@link HydrationStep}, if any; a failure is logged, and the hydration stands. */
    private void afterHydrate() {
        HydrationStep step = target.afterHydrate;
        if (step == null) {
            return;
        }
        try {
            if (target instanceof Browser browser) {
                step.hydrated(browser);
            } else if (target instanceof Tab tab) {
                step.tabHydrated(tab);
            }
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The step after the hydration of browser " + target.browserId() + " failed: " + e,
                    e);
        }
    }

    /**
     * What readers of an area see now (confirmed values with the pending writes over them), also
     * while a {@link HydrationStep} runs, before reads through the {@link StorageTarget} are let in.
     * For hydration steps.
     *
     * @param area the area
     * @return a sorted copy, keys with the app's prefix
     */
    public SortedMap<String, String> view(StorageArea area) {
        Objects.requireNonNull(area, "area");
        return target.locked(() -> target.layers.snapshot(area));
    }

    /**
     * Says why what the browser holds cannot be known now, for servers that read it from a store
     * they share: until the next snapshot, reads that would throw {@link
     * dev.browserstorage.NotHydratedException} throw {@link
     * dev.browserstorage.StorageUnavailableException} with this reason instead. {@code null} clears it.
     *
     * @param reason why, in a few words that name no secret; or {@code null}
     */
    public void unavailable(String reason) {
        target.unavailable = reason;
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
        PendingBatches.Pending[] taken = {null};
        target.changing(changes -> {
            taken[0] = target.pending.take(batchId);
            if (taken[0] == null) {
                return;
            }
            for (Write write : taken[0].batch().writes()) {
                if (confirmStorage || write.area() == StorageArea.COOKIE) {
                    target.layers.confirm(write.area(), write.key(), write.value());
                }
            }
            // In order (the glue answers in order) this changes nothing; an acknowledgement that
            // overtakes an earlier batch on the same key must still leave the view equal to the
            // confirmed state with the remaining batches over it.
            target.layers.recompute(taken[0].batch().writes(), ChangeSource.BROWSER, changes);
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
        for (long id : target.pendingBatchIds()) {
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
        return target.locked(() -> target.pending.continueAfter(lastApplied));
    }

    /**
     * Accepts writes as one batch under an id and token chosen by the caller, as {@link
     * StorageTarget#write} accepts them under the next id and a fresh token: for servers that share
     * a browser and number its batches in a store they share, so that whichever server delivers a
     * batch, the browser applies it once (by its id, or by its token when a rendered page carried it).
     *
     * @param batchId the batch's id, above every id this browser (or tab) has used
     * @param token the batch's token ({@link WriteBatch#token()}), as it was first made
     * @param writes the writes, applied in order (none: an empty batch, which the browser acknowledges)
     * @return as {@link StorageTarget#write} returns
     * @throws IllegalArgumentException if the id is not above every id used, or the token is malformed
     * @throws dev.browserstorage.QuotaExceededException if a value or the app's storage would pass a limit
     */
    public CompletionStage<Void> deliver(long batchId, String token, List<Write> writes) {
        if (batchId < 1) {
            throw new IllegalArgumentException("Batch ids are positive, not " + batchId);
        }
        Objects.requireNonNull(token, "token");
        return target.write(List.copyOf(writes), batchId, token);
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
        target.changing(changes -> {
            taken[0] = target.pending.take(batchId);
            if (taken[0] != null) {
                target.layers.recompute(taken[0].batch().writes(), ChangeSource.ROLLBACK, changes);
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
        target.changing(changes -> {
            target.checks.checkBrowserChange(area, key, newValue);
            target.layers.confirm(area, key, newValue);
            target.layers.recompute(area, key, ChangeSource.BROWSER, changes);
        });
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
        return target.locked(target.pending::batches);
    }

    /**
     * The browser is connected through a transport: every pending batch is sent again, in id order,
     * and later batches go out as they are written.
     *
     * @param transport the transport
     */
    public void connect(Transport transport) {
        Objects.requireNonNull(transport, "transport");
        target.locked(() -> {
            target.requireOpen();
            target.connections.add(transport);
            target.lastActive = target.clock().instant();
            target.connections.send(target.pending.all(), target.browserId());
            return null;
        });
    }

    /**
     * The browser's connection is gone. Pending batches stay pending, to be sent again on the next
     * {@link #connect}; new writes queue up to the pending limit.
     */
    public void disconnect() {
        target.locked(() -> {
            target.connections.clear();
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
        return target.locked(() -> {
            target.lastActive = target.clock().instant();
            if (!target.connections.remove(gone)) {
                return false;
            }
            target.connections.send(target.pending.all(), target.browserId());
            return true;
        });
    }

    /**
     * Where a typed reader keeps what it decoded from the view as it is now: empty again after any
     * change of what {@link StorageTarget#read} answers. For {@code dev.browserstorage.store}; take
     * it before reading the view (see {@link DecodedValues}).
     *
     * @param reader the reader, compared by identity
     * @param size how many values it keeps
     * @return its decoded values of the current view
     */
    public DecodedValues decodedValues(Object reader, int size) {
        return target.decodedValues(reader, size);
    }
}
