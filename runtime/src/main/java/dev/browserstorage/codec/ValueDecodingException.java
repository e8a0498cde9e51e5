package dev.browserstorage.codec;

/**
 * A stored text is not a valid form of the type expected. Stores never let it reach application
 * code: they read the default instead and log one warning.
 */
public final class ValueDecodingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was expected and what was found
     */
    public ValueDecodingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was expected and what was found
     * @param cause the parser's error
     */
    public ValueDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
