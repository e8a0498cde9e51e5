package dev.browserstorage;

/**
 * A write could not be delivered: the browser is gone (its page closed, its session ended) or too
 * many writes are already waiting for it to reconnect. The write was not applied in the browser.
 */
public final class DisconnectedException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the write cannot be delivered
     */
    public DisconnectedException(String message) {
        super(message);
    }
}
