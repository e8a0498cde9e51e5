package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The server's writes a browser (or tab) has not acknowledged yet, in id order, with the stage each
 * completes, and the ids the next batches get. Not thread safe: its {@link StorageTarget} holds the lock.
 */
final class PendingBatches {
    /** A batch and the stage that completes when the browser acknowledges it. */
    record Pending(WriteBatch batch, CompletableFuture<Void> completion) {}

    private final LinkedHashMap<Long, Pending> byId = new LinkedHashMap<>();
    private long nextId = 1;
    private int writeCount;

    /** @return how many writes the pending batches hold */
    int writeCount() {
        return writeCount;
    }

    /** Makes the next batch of the writes, pending from now on. */
    Pending add(List<Write> writes) {
        Pending pending = new Pending(new WriteBatch(nextId++, writes), new CompletableFuture<>());
        byId.put(pending.batch().id(), pending);
        writeCount += writes.size();
        return pending;
    }

    /**
     * Makes a batch of the writes under an id and token chosen elsewhere (servers sharing a browser
     * number its batches once for all of them, and keep the token the page may already know it by);
     * later batches get higher ids.
     *
     * @throws IllegalArgumentException if the id is not above every id given so far, or the token is malformed
     */
    Pending add(long id, String token, List<Write> writes) {
        if (id < nextId) {
            throw new IllegalArgumentException("Batch id " + id + " is not above the last id given, " + (nextId - 1));
        }
        WriteBatch batch = new WriteBatch(id, token, writes);
        Pending pending = new Pending(batch, new CompletableFuture<>());
        nextId = id + 1;
        byId.put(id, pending);
        writeCount += writes.size();
        return pending;
    }

    /** Removes a batch; {@code null} if none has the id. */
    Pending take(long batchId) {
        Pending pending = byId.remove(batchId);
        if (pending != null) {
            writeCount -= pending.batch().writes().size();
        }
        return pending;
    }

    /** Removes every batch, for a browser that is gone. */
    List<Pending> takeAll() {
        List<Pending> all = new ArrayList<>(byId.values());
        byId.clear();
        writeCount = 0;
        return all;
    }

    /** @return the pending batches, in id order; a live view */
    Collection<Pending> all() {
        return byId.values();
    }

    /** @return the ids, in order */
    List<Long> ids() {
        return List.copyOf(byId.keySet());
    }

    /** @return the batches, in id order, as an unmodifiable copy */
    List<WriteBatch> batches() {
        return byId.values().stream().map(Pending::batch).toList();
    }

    /**
     * Moves the ids above the highest one the browser has applied (see {@link
     * BrowserLink#continueBatchIdsAfter}), renumbering the pending batches in order.
     *
     * @return true if the ids were moved
     */
    boolean continueAfter(long lastApplied) {
        if (lastApplied < nextId) {
            return false;
        }
        long id = lastApplied + 1;
        List<Pending> batches = new ArrayList<>(byId.values());
        byId.clear();
        for (Pending pending : batches) {
            byId.put(id, new Pending(pending.batch().withId(id), pending.completion()));
            id++;
        }
        nextId = id;
        return true;
    }

    /** @return whether a pending batch writes the key */
    boolean writes(StorageArea area, String key) {
        for (Pending pending : byId.values()) {
            for (Write write : pending.batch().writes()) {
                if (write.area() == area && write.key().equals(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the key's value once every pending batch is applied over {@code confirmed} */
    String valueOver(StorageArea area, String key, String confirmed) {
        String value = confirmed;
        for (Pending pending : byId.values()) {
            for (Write write : pending.batch().writes()) {
                if (write.area() == area && write.key().equals(key)) {
                    value = write.value();
                }
            }
        }
        return value;
    }

    /** Applies every pending write of an area to {@code values}, in id order. */
    void applyTo(StorageArea area, Map<String, String> values) {
        for (Pending pending : byId.values()) {
            for (Write write : pending.batch().writes()) {
                if (write.area() == area) {
                    if (write.value() == null) {
                        values.remove(write.key());
                    } else {
                        values.put(write.key(), write.value());
                    }
                }
            }
        }
    }
}
