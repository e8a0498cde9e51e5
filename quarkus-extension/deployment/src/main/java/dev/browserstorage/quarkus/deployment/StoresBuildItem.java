package dev.browserstorage.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/** The browser-storage stores of the application, found in the class index of it and its jars. */
public final class StoresBuildItem extends SimpleBuildItem {
    private final List<StoreIndex.Store> stores;
    private final List<String> missingSchemas;

    StoresBuildItem(List<StoreIndex.Store> stores, List<String> missingSchemas) {
        this.stores = List.copyOf(stores);
        this.missingSchemas = List.copyOf(missingSchemas);
    }

    /** @return the application's stores, sorted by POJO name; none left over from a POJO that is gone */
    List<StoreIndex.Store> stores() {
        return stores;
    }

    /** @return one error per generated store whose schema the class path lacks, sorted */
    List<String> missingSchemas() {
        return missingSchemas;
    }
}
