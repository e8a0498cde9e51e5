package dev.browserstorage.store;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.HydrationStep;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What the app's stores need done each time a browser has sent what it holds: versioned stores
 * migrated (and written back), protected values sealed with an older key sealed again with the
 * newest. STUB (#18): signatures fixed, implementation by the versions work.
 */
public final class StoreUpkeep implements HydrationStep {
    private final List<StoreDescriptor> stores;
    private final NewerVersionPolicy newerVersions;

    private StoreUpkeep(Collection<StoreDescriptor> stores, NewerVersionPolicy newerVersions) {
        this.stores = List.copyOf(stores);
        this.newerVersions = Objects.requireNonNull(newerVersions, "newerVersions");
    }

    /**
     * The upkeep of the app's stores.
     *
     * @param stores every store of the app (those with nothing to do are skipped)
     * @param newerVersions what to do with values a newer version wrote
     * @return the step, for {@link dev.browserstorage.browser.BrowserBuilder#afterHydrate}
     */
    public static StoreUpkeep of(Collection<StoreDescriptor> stores, NewerVersionPolicy newerVersions) {
        return new StoreUpkeep(stores, newerVersions);
    }

    @Override
    public void hydrated(Browser browser) {
        // #18 stub
    }
}
