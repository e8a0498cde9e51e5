package dev.browserstorage.browser;

import java.util.List;

/**
 * One tab of a {@link Browser}: that tab's sessionStorage, with batches of its own that only the
 * tab's connection receives, and its own hydration. localStorage and cookies are the browser's,
 * shared by all its tabs: read and write them through {@link #browser()}. Made by {@link
 * Browser#tab(String)}.
 *
 * <p>Thread safe: see {@link StorageTarget}.
 */
public final class Tab extends StorageTarget {
    private final Browser browser;
    private final String tabId;

    Tab(Browser browser, BrowserBuilder builder, String tabId) {
        super(builder);
        this.browser = browser;
        this.tabId = tabId;
    }

    /** @return the browser this tab belongs to */
    public Browser browser() {
        return browser;
    }

    /** @return the tab's id ({@link TabId}) */
    public String tabId() {
        return tabId;
    }

    /** @return the tab's browser: a store bound to a tab reads localStorage and cookies there */
    @Override
    public Browser current() {
        return browser;
    }

    /** @return this tab: a store bound to a tab reads its sessionStorage here */
    @Override
    public Tab currentTab() {
        return this;
    }

    @Override
    List<Tab> removeTabs() {
        return List.of();
    }
}
