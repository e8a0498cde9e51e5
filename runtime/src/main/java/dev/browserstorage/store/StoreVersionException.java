package dev.browserstorage.store;

import dev.browserstorage.BrowserStorageException;

/**
 * A write to a store whose values in this browser are not at the app's version and must be kept as
 * they are: written by a newer version of the app ({@link NewerVersionPolicy#KEEP}), or of an older
 * one whose migration failed (kept for a deploy that fixes it). Nothing was written.
 */
public class StoreVersionException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the store and both versions
     */
    public StoreVersionException(String message) {
        super(message);
    }
}
