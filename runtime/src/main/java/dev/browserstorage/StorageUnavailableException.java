package dev.browserstorage;

/**
 * The browser cannot store anything in this area at all: storage disabled by the user or a policy,
 * a sandboxed frame, or cookies blocked. Nothing of the write was kept.
 */
public final class StorageUnavailableException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    private final StorageArea area;

    /**
     * Creates the exception.
     *
     * @param area the area the browser refused
     * @param message the browser's reason and what it means
     */
    public StorageUnavailableException(StorageArea area, String message) {
        super(message);
        this.area = area;
    }

    /**
     * @return the area the browser refused, or {@code null} where the server itself has no room (a
     *     Quarkus server holding {@code max-browsers} connected browsers)
     */
    public StorageArea area() {
        return area;
    }
}
