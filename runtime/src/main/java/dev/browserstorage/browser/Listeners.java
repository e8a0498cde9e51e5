package dev.browserstorage.browser;

import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of a browser's changes, by key or by key prefix. Thread safe; {@link #fire} is
 * called after the {@link StorageTarget}'s lock is released, on the thread that caused the change.
 */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private record Entry(StorageArea area, String key, boolean prefix, StorageListener listener) {
        Entry {
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(listener, "listener");
        }

        boolean matches(StorageChange change) {
            return change.area() == area
                    && (prefix ? change.key().startsWith(key) : change.key().equals(key));
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** Listens to one key, or to every key starting with a prefix. */
    Registration add(StorageArea area, String keyOrPrefix, boolean prefix, StorageListener listener) {
        Entry entry = new Entry(area, keyOrPrefix, prefix, listener);
        entries.add(entry);
        return () -> entries.remove(entry);
    }

    /** Tells each listener of the changes it listens to; a listener that throws is logged and skipped. */
    void fire(List<StorageChange> changes) {
        for (StorageChange change : changes) {
            for (Entry entry : entries) {
                if (entry.matches(change)) {
                    try {
                        entry.listener().onChange(change);
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
}
