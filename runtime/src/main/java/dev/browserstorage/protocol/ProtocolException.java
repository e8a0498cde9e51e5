package dev.browserstorage.protocol;

import java.util.Objects;

/**
 * A frame from the browser that the server cannot accept, with the {@link Reason} why. The
 * connection answers with an {@code error} frame carrying the reason's {@linkplain Reason#code()
 * code}; a reason that {@linkplain Reason#closesConnection() closes the connection} also closes it
 * with {@link #CLOSE_PROTOCOL_VIOLATION}. The browser and every other browser are left as they were.
 */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Close code for a protocol violation (no or second hello, wrong version, wrong app). */
    public static final int CLOSE_PROTOCOL_VIOLATION = 4400;

    /** Why a frame is refused: the {@code code} of the error frame, as {@code docs/protocol.md} lists them. */
    public enum Reason {
        /** A frame that is not one the protocol defines, or a field of the wrong type; the connection goes on. */
        BAD_FRAME("bad-frame", false),
        /** A change of a key outside the app's namespace; the connection goes on. */
        NAMESPACE("namespace", false),
        /** A change of a value or an area over the limits; the connection goes on. */
        TOO_LARGE("too-large", false),
        /** A violation of the protocol (no or second hello, wrong version or app, a hello over a limit): it ends the connection. */
        PROTOCOL("protocol", true);

        private final String code;
        private final boolean closesConnection;

        Reason(String code, boolean closesConnection) {
            this.code = code;
            this.closesConnection = closesConnection;
        }

        /** @return the {@code code} of the error frame */
        public String code() {
            return code;
        }

        /** @return whether the connection is closed after the error frame */
        public boolean closesConnection() {
            return closesConnection;
        }
    }

    private final Reason reason;

    private ProtocolException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A frame that is refused, the connection going on.
     *
     * @param reason {@link Reason#BAD_FRAME}, {@link Reason#NAMESPACE} or {@link Reason#TOO_LARGE}
     * @param message what is wrong
     * @return the exception
     */
    public static ProtocolException refused(Reason reason, String message) {
        return new ProtocolException(reason, message);
    }

    /**
     * A frame that is not a frame of the protocol, the connection going on.
     *
     * @param message what is wrong
     * @return the exception
     */
    public static ProtocolException badFrame(String message) {
        return new ProtocolException(Reason.BAD_FRAME, message);
    }

    /**
     * A violation that ends the connection.
     *
     * @param message what is wrong
     * @return the exception
     */
    public static ProtocolException violation(String message) {
        return new ProtocolException(Reason.PROTOCOL, message);
    }

    /** @return why the frame is refused */
    public Reason reason() {
        return reason;
    }

    /** @return the {@code code} of the error frame */
    public String code() {
        return reason.code();
    }

    /** @return the WebSocket close code, or 0 if the connection stays open */
    public int closeCode() {
        return reason.closesConnection() ? CLOSE_PROTOCOL_VIOLATION : 0;
    }
}
