package dev.browserstorage.browser;

/**
 * What runs each time a browser has sent what it holds ({@link BrowserLink#hydrate}), before the
 * app's reads see it: the store package's upkeep (migrations, re-sealing) is one. It may write.
 */
@FunctionalInterface
public interface HydrationStep {
    /**
     * Runs after a hydration.
     *
     * @param browser the browser that was hydrated (its tabs are reached through it)
     */
    void hydrated(Browser browser);
}
