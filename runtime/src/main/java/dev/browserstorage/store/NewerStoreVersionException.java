package dev.browserstorage.store;

import dev.browserstorage.BrowserStorageException;

/**
 * A write to a store whose values in this browser were written by a newer version of the app, kept
 * for it ({@link NewerVersionPolicy#KEEP}): nothing was written.
 */
public class NewerStoreVersionException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the store and both versions
     */
    public NewerStoreVersionException(String message) {
        super(message);
    }
}
