package dev.browserstorage.browser;

/**
 * What runs each time a browser or one of its tabs has sent what it holds ({@link
 * BrowserLink#hydrate}), before code waiting for the hydration ({@link StorageTarget#awaitHydrated})
 * runs: the store package's upkeep (migrations, re-sealing) is one. It may write; it reads the view
 * through {@link BrowserLink#view}, since on the first hydration reads through the target are not let
 * in until it is done. A browser's tabs run the step of the browser's builder.
 */
@FunctionalInterface
public interface HydrationStep {
    /**
     * Runs after a browser's hydration: its localStorage and cookies (and its sessionStorage, for a
     * browser used without tabs).
     *
     * @param browser the browser that was hydrated (each tab's hydration runs {@link #tabHydrated})
     */
    void hydrated(Browser browser);

    /**
     * Runs after a tab's hydration: its sessionStorage. Does nothing unless overridden.
     *
     * @param tab the tab that was hydrated
     */
    default void tabHydrated(Tab tab) {}
}
