package dev.browserstorage;

/**
 * A value was read before the browser sent what it holds. Until then no answer is right: not the
 * stored value, which is unknown, and not the default, which may be wrong. Wait for {@code
 * awaitHydrated()} first.
 */
public final class NotHydratedException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was read too early
     */
    public NotHydratedException(String message) {
        super(message);
    }
}
