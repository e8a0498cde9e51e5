package dev.browserstorage.untyped;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.BrowserSource;

/**
 * The tab's {@code sessionStorage} for keys known only at run time: the same API as {@link
 * BrowserLocalStorage}, with sessionStorage's own budget.
 */
public final class BrowserSessionStorage extends UntypedStorage {
    /**
     * Untyped sessionStorage of one browser, or of the current request's browser.
     *
     * @param browsers where each call finds its browser
     */
    public BrowserSessionStorage(BrowserSource browsers) {
        super(browsers, StorageArea.SESSION);
    }
}
