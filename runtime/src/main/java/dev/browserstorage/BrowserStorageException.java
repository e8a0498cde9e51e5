package dev.browserstorage;

/**
 * The root of the typed exceptions a store hands to its caller, directly or by failing a write's
 * {@link java.util.concurrent.CompletionStage}. Catch it to handle every storage failure at once.
 */
public abstract class BrowserStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and, where there is one, how to avoid it
     */
    protected BrowserStorageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause what caused it
     */
    protected BrowserStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
