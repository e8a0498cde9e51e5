package dev.browserstorage.browser;

import dev.browserstorage.DisconnectedException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.protect.ValueProtection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One browser as the server knows it: its localStorage and cookies, shared by all its tabs, and the
 * registry of its {@link Tab}s, each holding that tab's sessionStorage. Reads, writes and listeners
 * are those of every {@link StorageTarget}.
 *
 * <p>A browser used on its own (tests, one-page apps) keeps sessionStorage itself, as its single
 * tab.
 *
 * <p>Thread safe: see {@link StorageTarget}.
 */
public final class Browser extends StorageTarget {
    private static final System.Logger LOG = System.getLogger(Browser.class.getName());

    private final Tabs tabs;
    /** The builder's protection, for the tabs ({@code null}: the default). */
    private final ValueProtection protection;

    private Browser(BrowserBuilder builder) {
        super(builder);
        this.tabs = new Tabs(builder.browserId, builder.limits.maxTabs());
        this.protection = builder.protection;
    }

    /**
     * Starts building a browser.
     *
     * @param browserId the browser's id, unique per browser (used in messages and by the transport)
     * @param appId the app's id, the prefix of every localStorage and sessionStorage key
     * @return a builder with the default limits and the system clock
     */
    public static BrowserBuilder builder(String browserId, String appId) {
        return new BrowserBuilder(browserId, appId);
    }

    /** The browser a builder describes. */
    static Browser create(BrowserBuilder builder) {
        return new Browser(builder);
    }

    /** @return this browser: a browser is the source of itself */
    @Override
    public Browser current() {
        return this;
    }

    /**
     * One of the browser's tabs: that tab's sessionStorage, with batches of its own that only the
     * tab's connection receives, and its own hydration (reads throw {@link NotHydratedException}
     * until the tab has sent what it holds). Made on first use. When a new tab would pass {@link
     * StorageLimits#maxTabs()}, the disconnected tab idle longest is dropped: its pending writes fail
     * with {@link DisconnectedException}.
     *
     * @param tabId the tab's id ({@link TabId})
     * @return the tab
     * @throws IllegalArgumentException if the id is malformed
     * @throws IllegalStateException if every tab of the browser is connected and there are already
     *     as many as the limit allows
     * @throws DisconnectedException if the browser is closed
     */
    public Tab tab(String tabId) {
        Objects.requireNonNull(tabId, "tabId");
        if (!TabId.isValid(tabId)) {
            throw new IllegalArgumentException(
                    "Tab id '" + StorageChecks.abbreviate(tabId) + "' must be " + TabId.RULE);
        }
        Tabs.Opened opened = locked(() -> {
            requireOpen();
            // A tab is the same browser: its writes must not touch the framework's cookies either.
            Tabs.Opened tab = tabs.open(tabId, id -> new Tab(this, tabBuilder(), id));
            tab.tab().lastActive = clock().instant();
            return tab;
        });
        if (opened.dropped() != null) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Dropped idle tab " + opened.dropped().tabId() + " of browser " + browserId()
                            + " to make room for tab " + tabId);
            opened.dropped().close();
        }
        return opened.tab();
    }

    /**
     * What a tab is built from: the browser's id, app, limits, clock, reserved cookie names,
     * protection and hydration step.
     */
    private BrowserBuilder tabBuilder() {
        BrowserBuilder builder = builder(browserId(), appId())
                .limits(limits())
                .clock(clock())
                .reservedCookieNames(reservedCookieNames());
        builder.protection = protection;
        builder.afterHydrate = afterHydrate;
        return builder;
    }

    /**
     * @param tabId the tab's id
     * @return the tab, if the browser has it
     */
    public Optional<Tab> findTab(String tabId) {
        return locked(() -> tabs.find(tabId));
    }

    /** @return the ids of the browser's tabs, least recently active first */
    public List<String> tabIds() {
        return locked(tabs::ids);
    }

    /**
     * Drops the tabs that are disconnected and have not been active since a moment (tabs closed for
     * good never say so): their pending writes fail with {@link DisconnectedException}.
     *
     * @param cutoff tabs last active before this are dropped
     * @return how many tabs were dropped
     */
    public int dropTabsIdleSince(Instant cutoff) {
        List<Tab> dropped = locked(() -> tabs.removeIdleSince(cutoff));
        dropped.forEach(Tab::close);
        return dropped.size();
    }

    @Override
    List<Tab> removeTabs() {
        return tabs.removeAll();
    }
}
