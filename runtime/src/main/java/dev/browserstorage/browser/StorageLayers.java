package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two layers of a browser's storage and the view readers see. <em>Confirmed</em> values are
 * what the browser has said it holds; the {@linkplain PendingBatches pending batches} are applied
 * over them in id order to make the <em>view</em>, so code reads its own writes at once. Every
 * change of the view is reported as a {@link StorageChange} for the listeners.
 *
 * <p>Changes happen under the {@link StorageTarget}'s lock; the view is also read without it (a reader
 * sees one value or the other, never a torn one).
 */
final class StorageLayers {
    private final Map<StorageArea, Map<String, String>> confirmed = new EnumMap<>(StorageArea.class);
    private final Map<StorageArea, ConcurrentHashMap<String, StoredValue>> view = new EnumMap<>(StorageArea.class);
    private final Map<StorageArea, long[]> unitsUsed = new EnumMap<>(StorageArea.class);
    private final PendingBatches pending;

    /** Bumped after every change of the view, so that decoded values of an older view are dropped. */
    private volatile int version;

    /** Per typed reader, what it decoded from the view (of some version); copied on write. */
    private volatile DecodedValues[] decoded = new DecodedValues[0];

    /** The most readers whose decoded values are kept; beyond, the oldest is dropped (a cache miss). */
    static final int MAX_DECODING_READERS = 8;

    StorageLayers(PendingBatches pending) {
        this.pending = pending;
        for (StorageArea area : StorageArea.values()) {
            confirmed.put(area, new HashMap<>());
            view.put(area, new ConcurrentHashMap<>());
            unitsUsed.put(area, new long[1]);
        }
    }

    /** The budget units of a key and its value: their UTF-16 lengths; 0 for an absent key. */
    static long units(String key, String value) {
        return value == null ? 0 : key.length() + value.length();
    }

    /** @return what a reader sees for the key, or {@code null}; safe without the lock */
    StoredValue read(StorageArea area, String key) {
        return view.get(area).get(key);
    }

    /** @return the text a reader sees for the key, or {@code null} */
    String text(StorageArea area, String key) {
        StoredValue value = view.get(area).get(key);
        return value == null ? null : value.text();
    }

    /** @return a sorted copy of what readers see of an area */
    SortedMap<String, String> snapshot(StorageArea area) {
        SortedMap<String, String> copy = new TreeMap<>();
        view.get(area).forEach((key, value) -> copy.put(key, value.text()));
        return copy;
    }

    /** @return the confirmed values of an area; the live map, not to be changed by the caller */
    Map<String, String> confirmed(StorageArea area) {
        return confirmed.get(area);
    }

    /** @return the units the view of an area uses */
    long unitsUsed(StorageArea area) {
        return unitsUsed.get(area)[0];
    }

    /**
     * Takes new confirmed values for an area (a snapshot) and rebuilds its view.
     *
     * @param changes where the view's changes are reported, or {@code null} to report none
     */
    void replaceConfirmed(StorageArea area, Map<String, String> values, List<StorageChange> changes) {
        Map<String, String> before = changes == null ? null : snapshot(area);
        Map<String, String> target = confirmed.get(area);
        target.clear();
        target.putAll(values);
        Map<String, String> wanted = new HashMap<>(target);
        pending.applyTo(area, wanted);
        Set<String> keys = new LinkedHashSet<>(view.get(area).keySet());
        keys.addAll(wanted.keySet());
        for (String key : keys) {
            if (!Objects.equals(text(area, key), wanted.get(key))) {
                setView(area, key, wanted.get(key));
            }
        }
        if (changes != null) {
            diff(area, before, snapshot(area), changes);
        }
    }

    /** Shows a new batch's writes to readers; its batch must already be pending. */
    void show(List<Write> writes, List<StorageChange> changes) {
        for (Write write : writes) {
            String old = text(write.area(), write.key());
            if (!Objects.equals(old, write.value())) {
                setView(write.area(), write.key(), write.value());
                changes.add(
                        new StorageChange(write.area(), write.key(), old, write.value(), ChangeSource.SERVER_WRITE));
            }
        }
    }

    /** Makes a value confirmed ({@code null}: the key is gone); the view is not recomputed. */
    void confirm(StorageArea area, String key, String value) {
        if (value == null) {
            confirmed.get(area).remove(key);
        } else {
            confirmed.get(area).put(key, value);
        }
    }

    /** Recomputes the view of every key the writes touch, once each. */
    void recompute(List<Write> writes, ChangeSource source, List<StorageChange> changes) {
        Set<Map.Entry<StorageArea, String>> seen = new LinkedHashSet<>();
        for (Write write : writes) {
            if (seen.add(Map.entry(write.area(), write.key()))) {
                recompute(write.area(), write.key(), source, changes);
            }
        }
    }

    /** Recomputes the view of one key: the confirmed value with the pending writes over it. */
    void recompute(StorageArea area, String key, ChangeSource source, List<StorageChange> changes) {
        String wanted = pending.valueOver(area, key, confirmed.get(area).get(key));
        String old = text(area, key);
        if (!Objects.equals(old, wanted)) {
            setView(area, key, wanted);
            changes.add(new StorageChange(area, key, old, wanted, source));
        }
    }

    /**
     * The decoded values of a reader for the view as it is now; a new, empty instance if the view
     * changed since the reader last asked. Safe without the lock. The version is read before the
     * caller reads the view, so what the caller decodes is never older than the version it is kept
     * for.
     */
    DecodedValues decodedValues(Object reader, int size) {
        int now = version;
        DecodedValues[] all = decoded;
        for (DecodedValues values : all) {
            if (values.reader == reader) {
                if (values.version == now) {
                    return values;
                }
                break;
            }
        }
        DecodedValues fresh = new DecodedValues(reader, now, size);
        // Copy on write; racing readers may drop each other's instance, which costs a decode, no more.
        DecodedValues[] next = new DecodedValues[Math.min(all.length + 1, MAX_DECODING_READERS)];
        next[0] = fresh;
        int kept = 1;
        for (int i = 0; i < all.length && kept < next.length; i++) {
            if (all[i].reader != reader) {
                next[kept++] = all[i];
            }
        }
        decoded = kept == next.length ? next : Arrays.copyOf(next, kept);
        return fresh;
    }

    private void setView(StorageArea area, String key, String text) {
        String old = text(area, key);
        if (text == null) {
            view.get(area).remove(key);
        } else {
            view.get(area).put(key, new StoredValue(text));
        }
        // After the change: a reader that saw the old version may have decoded the new value, never
        // the reverse. Under the target's lock, so increments are not lost.
        version++;
        if (area != StorageArea.COOKIE) {
            unitsUsed.get(area)[0] += units(key, text) - units(key, old);
        }
    }

    private static void diff(
            StorageArea area, Map<String, String> before, Map<String, String> after, List<StorageChange> changes) {
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            String old = before.get(key);
            String now = after.get(key);
            if (!Objects.equals(old, now)) {
                changes.add(new StorageChange(area, key, old, now, ChangeSource.HYDRATION));
            }
        }
    }
}
