package dev.browserstorage.untyped;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.BrowserSource;

/**
 * The browser's {@code localStorage} for keys known only at run time, as Streamlit's {@code
 * st.local_storage}: {@code get} with a type, {@code set} with JSON by Jackson and an optional
 * lifetime, {@code remove}, {@code contains}, {@code keys}, {@code clear}. Every key is kept as
 * {@code <app>:<key>}, so other apps on the origin are never seen or touched, and every write is held
 * to the same limits as typed stores. Prefer a typed store where the keys are known.
 *
 * <pre>{@code
 * localStorage.set("lastVisited", List.of("/a", "/b"));
 * List<?> visited = localStorage.get("lastVisited", List.class).orElse(List.of());
 * }</pre>
 */
public final class BrowserLocalStorage extends UntypedStorage {
    /**
     * Untyped localStorage of one browser, or of the current request's browser.
     *
     * @param browsers where each call finds its browser
     */
    public BrowserLocalStorage(BrowserSource browsers) {
        super(browsers, StorageArea.LOCAL);
    }
}
