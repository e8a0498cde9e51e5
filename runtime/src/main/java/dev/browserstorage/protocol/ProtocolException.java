package dev.browserstorage.protocol;

/**
 * A frame from the browser that the server cannot accept. The connection answers with an {@code
 * error} frame carrying {@link #code()}; where {@link #closeCode()} is not 0 it also closes with that
 * code. The session and every other session are left as they were.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Close code for a protocol violation (no or second hello, wrong version, wrong app). */
    public static final int CLOSE_PROTOCOL_VIOLATION = 4400;

    private final String code;
    private final int closeCode;

    private ProtocolException(String code, int closeCode, String message) {
        super(message, null, false, false);
        this.code = code;
        this.closeCode = closeCode;
    }

    /**
     * A frame that is refused, the connection going on.
     *
     * @param code {@code bad-frame}, {@code namespace} or {@code too-large}
     * @param message what is wrong
     * @return the exception
     */
    public static ProtocolException refused(String code, String message) {
        return new ProtocolException(code, 0, message);
    }

    /**
     * A violation that ends the connection.
     *
     * @param message what is wrong
     * @return the exception
     */
    public static ProtocolException violation(String message) {
        return new ProtocolException("protocol", CLOSE_PROTOCOL_VIOLATION, message);
    }

    /** @return the {@code code} of the error frame */
    public String code() {
        return code;
    }

    /** @return the WebSocket close code, or 0 if the connection stays open */
    public int closeCode() {
        return closeCode;
    }
}
