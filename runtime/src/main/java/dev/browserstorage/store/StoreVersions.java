package dev.browserstorage.store;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.DecodedValues;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.StoredValue;
import dev.browserstorage.browser.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The version of a versioned store's values in one browser (or tab), as the browser holds it: the
 * marker under the store's {@link StoreDescriptor#versionKey()}, parsed; 1 when the marker is
 * absent but the store has keys; {@link #EMPTY} when it has neither. Guards {@link StoreAccess}'s
 * reads (another version's values read as defaults) and writes (refused at another version; a
 * fresh store gets the marker with its first write). Only versioned stores have one: version 1
 * stores never read or write a marker.
 */
final class StoreVersions {
    /** Marker absent and no key: an empty store, counted as the current version. */
    static final int EMPTY = 0;
    /** Marker that is no version: an unknown shape, treated as a newer version. */
    static final int UNPARSEABLE = Integer.MAX_VALUE;

    private final StoreDescriptor descriptor;
    private final StorageArea area;
    private final String markerKey;
    private final String fieldPrefix;

    StoreVersions(String appId, StoreDescriptor descriptor) {
        this.descriptor = descriptor;
        this.area = descriptor.area();
        this.markerKey = appId + ":" + descriptor.versionKey();
        this.fieldPrefix = markerKey + ".";
    }

    /** @return the browser's key of the marker: {@code <app>:<namespace>} */
    String markerKey() {
        return markerKey;
    }

    /** @return whether a stored version is the app's: the current one, or an empty store */
    boolean isCurrent(int stored) {
        return stored == EMPTY || stored == descriptor.version();
    }

    /**
     * The stored version of the store in a browser's view.
     *
     * @throws NotHydratedException before the browser's snapshot
     */
    int stored(StorageTarget target) {
        StoredValue marker = target.read(area, markerKey);
        if (marker != null) {
            return parsed(marker);
        }
        return hasFieldKeys(target.entries(area)) ? 1 : EMPTY;
    }

    /**
     * The stored version as the view is now, also while a hydration step runs (changes are told
     * then, before reads through the target are let in).
     */
    private int storedNow(StorageTarget target) {
        return target.isHydrated() ? stored(target) : stored(target.link().view(area));
    }

    /** The version a view holds (a hydration step's copy of it), by the same rule as {@link #stored(StorageTarget)}. */
    int stored(Map<String, String> view) {
        String marker = view.get(markerKey);
        if (marker != null) {
            return parse(marker);
        }
        return hasFieldKeys(view) ? 1 : EMPTY;
    }

    private boolean hasFieldKeys(Map<String, String> view) {
        for (String key : view.keySet()) {
            if (key.startsWith(fieldPrefix)) {
                return true;
            }
        }
        return false;
    }

    /** The parsed marker, memoised on the stored value (no field has the marker's key). */
    private static int parsed(StoredValue marker) {
        if (marker.memo() instanceof Parsed parsed) {
            return parsed.version();
        }
        int version = parse(marker.text());
        marker.memo(new Parsed(version));
        return version;
    }

    private record Parsed(int version) {}

    /** A marker's text as a version: decimal digits of a positive int, else {@link #UNPARSEABLE}. */
    static int parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return UNPARSEABLE;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return UNPARSEABLE;
            }
            value = value * 10 + (c - '0');
        }
        return value < 1 ? UNPARSEABLE : value;
    }

    /** @return the marker's text for a version */
    static String text(int version) {
        return Integer.toString(version);
    }

    /**
     * Whether reads of the store in this view see the current version: the answer is kept in the
     * reader's last slot of {@link DecodedValues} (dropped with any change of the view), so a read
     * of an unchanged view costs an array load.
     *
     * @param reader the store's access, whose decoded values hold the answer
     * @param slots the size of its decoded values; the last slot is the version's
     */
    boolean readsCurrent(StorageTarget target, Object reader, int slots) {
        return readsCurrent(target, target.link().decodedValues(reader, slots), slots);
    }

    /** {@link #readsCurrent(StorageTarget, Object, int)} with the reader's decoded values of the view at hand. */
    boolean readsCurrent(StorageTarget target, DecodedValues values, int slots) {
        Object kept = values.get(slots - 1);
        if (kept instanceof Boolean current) {
            return current;
        }
        boolean current = isCurrent(stored(target));
        values.put(slots - 1, current);
        return current;
    }

    /**
     * The writes of a batch as they may go out: with the marker set last when the store is empty
     * (its first write), unchanged at the current version.
     *
     * @throws StoreVersionException if the store's values are at another version: nothing may be written
     * @throws NotHydratedException before the browser's snapshot: the stored version is not known yet
     */
    List<Write> checkedWrites(StorageTarget target, List<Write> writes) {
        int stored = stored(target);
        if (stored == descriptor.version()) {
            return writes;
        }
        if (stored != EMPTY) {
            throw refusal(stored);
        }
        if (writes.stream().allMatch(Write::isRemoval)) {
            return writes;
        }
        List<Write> marked = new ArrayList<>(writes);
        marked.add(Write.set(area, markerKey, text(descriptor.version())));
        return marked;
    }

    /** {@link #checkedWrites}, as a stage that fails with the typed refusal instead of throwing. */
    CompletionStage<Void> submit(StorageTarget target, List<Write> writes) {
        List<Write> checked;
        try {
            checked = checkedWrites(target, writes);
        } catch (StoreVersionException | NotHydratedException e) {
            return CompletableFuture.failedFuture(e);
        }
        return target.write(checked);
    }

    private StoreVersionException refusal(int stored) {
        return new StoreVersionException("Store " + descriptor.typeName() + " holds values of "
                + describe(stored) + " in this browser, not of the app's version " + descriptor.version()
                + ": they are kept as they are and nothing was written");
    }

    /** @return a stored version in words, for messages */
    static String describe(int stored) {
        return stored == UNPARSEABLE ? "an unknown version (its marker is not a version)" : "version " + stored;
    }

    /**
     * Listens to a field's typed changes without ever handing out another version's value: the
     * new value is the default unless the store is current when the change is told; the old value
     * is the default unless the store was current before it, as the marker's changes tell (a batch
     * that changes the marker sets it last, after the fields it changes).
     */
    <T> Registration onChange(
            StorageTarget target, StoreField<T> field, String browserKey, Consumer<? super ValueChange<T>> listener) {
        // Before the snapshot, the version is taken once the hydration (and its migration) is done;
        // a migration's changes, told before that, have old values of the older version.
        AtomicInteger before = new AtomicInteger(target.isHydrated() ? stored(target) : -1);
        if (before.get() == -1) {
            target.awaitHydrated().thenRun(() -> before.compareAndSet(-1, stored(target)));
        }
        return target.addPrefixListener(area, markerKey, change -> {
            if (change.key().equals(markerKey)) {
                before.set(change.newValue() == null ? storedNow(target) : parse(change.newValue()));
                return;
            }
            if (!change.key().equals(browserKey)) {
                return;
            }
            int was = before.get();
            boolean wasCurrent = was != -1 && isCurrent(was);
            boolean isCurrent = isCurrent(storedNow(target));
            ValueChange<T> typed = StoredText.typed(field, browserKey, without(change, wasCurrent, isCurrent), target);
            listener.accept(typed);
        });
    }

    /** The change with the texts of another version left out: they read as the default. */
    private static StorageChange without(StorageChange change, boolean oldCurrent, boolean newCurrent) {
        if (oldCurrent && newCurrent) {
            return change;
        }
        return new StorageChange(
                change.area(),
                change.key(),
                oldCurrent ? change.oldValue() : null,
                newCurrent ? change.newValue() : null,
                change.source());
    }
}
