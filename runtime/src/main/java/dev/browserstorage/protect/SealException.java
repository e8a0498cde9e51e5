package dev.browserstorage.protect;

/** A stored text that does not open: why, in words that name no secret and no value. */
public final class SealException extends Exception {
    private static final long serialVersionUID = 1L;
    private final RejectedValue.Reason reason;

    /**
     * @param reason why it does not open
     * @param message what was wrong, naming no secret and no value
     */
    public SealException(RejectedValue.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** @return why it does not open */
    public RejectedValue.Reason reason() {
        return reason;
    }
}
