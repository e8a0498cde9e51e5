package dev.browserstorage.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;

/** The browser-storage stores of the application, from the indexes of every jar. */
public final class StoresBuildItem extends SimpleBuildItem {
    private final List<StoreIndex.Store> stores;

    StoresBuildItem(List<StoreIndex.Store> stores) {
        this.stores = List.copyOf(stores);
    }

    List<StoreIndex.Store> stores() {
        return stores;
    }
}
