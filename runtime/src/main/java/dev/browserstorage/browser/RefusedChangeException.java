package dev.browserstorage.browser;

/**
 * What a browser sent (its snapshot, or a change it reports) is refused, and the server's copy of
 * the browser is unchanged. The {@link #reason()} says why, for a protocol to answer with its own
 * code; the message says it for a person.
 */
public final class RefusedChangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why a change is refused. */
    public enum Reason {
        /** A localStorage or sessionStorage key outside the app's namespace {@code <app>:}. */
        NAMESPACE,
        /** A value, a cookie, or an area that would pass a limit. */
        TOO_LARGE
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what is wrong
     */
    public RefusedChangeException(Reason reason, String message) {
        super(message);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** @return why the change is refused */
    public Reason reason() {
        return reason;
    }
}
