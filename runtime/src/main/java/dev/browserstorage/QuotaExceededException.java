package dev.browserstorage;

/**
 * A write would not fit: one value over the per-value limit, the app's storage over its budget, or
 * the browser itself refused it ({@code QuotaExceededError}). Nothing of the write was kept.
 */
public final class QuotaExceededException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    /** Which limit the write ran into. */
    public enum Kind {
        /** One value is larger than the per-value limit (default 1 MiB); checked before sending. */
        VALUE_TOO_LARGE,
        /** The app's keys and values would pass its budget for the area (default 5 MiB); checked before sending. */
        AREA_QUOTA,
        /** The browser refused the write with its own {@code QuotaExceededError}. */
        BROWSER_QUOTA
    }

    private final Kind kind;
    private final StorageArea area;
    private final String key;
    private final long attempted;
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param kind which limit was hit
     * @param area the storage area written to
     * @param key the key written
     * @param attempted the size the write would have reached, in the limit's unit, or -1 if unknown
     * @param limit the limit, or -1 if unknown (the browser's own)
     * @param message the full explanation
     */
    public QuotaExceededException(Kind kind, StorageArea area, String key, long attempted, long limit, String message) {
        super(message);
        this.kind = kind;
        this.area = area;
        this.key = key;
        this.attempted = attempted;
        this.limit = limit;
    }

    /** @return which limit was hit */
    public Kind kind() {
        return kind;
    }

    /** @return the storage area written to */
    public StorageArea area() {
        return area;
    }

    /** @return the key written */
    public String key() {
        return key;
    }

    /** @return the size the write would have reached, or -1 if unknown */
    public long attempted() {
        return attempted;
    }

    /** @return the limit that was hit, or -1 if it is the browser's own */
    public long limit() {
        return limit;
    }
}
