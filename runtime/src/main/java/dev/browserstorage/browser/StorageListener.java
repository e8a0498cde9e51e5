package dev.browserstorage.browser;

/**
 * Receives the changes of the keys it was registered for. Called after the session's state has
 * changed, outside its lock, on the thread that caused the change; an exception it throws is logged
 * and does not reach the writer or other listeners.
 */
@FunctionalInterface
public interface StorageListener {
    /**
     * One key changed.
     *
     * @param change what changed
     */
    void onChange(StorageChange change);
}
