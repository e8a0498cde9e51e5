package dev.browserstorage.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.List;
import java.util.Set;

/** The browser-storage stores of the application, from the indexes of every jar. */
public final class StoresBuildItem extends SimpleBuildItem {
    private final List<StoreIndex.Store> allStores;
    private final Set<String> missingStoreClasses;

    StoresBuildItem(List<StoreIndex.Store> allStores, Set<String> missingStoreClasses) {
        this.allStores = List.copyOf(allStores);
        this.missingStoreClasses = Set.copyOf(missingStoreClasses);
    }

    /** @return every store of every index, for checks that need no class */
    List<StoreIndex.Store> allStores() {
        return allStores;
    }

    /** @return the stores whose generated class is on the class path */
    List<StoreIndex.Store> stores() {
        return allStores.stream().filter(store -> !missingStoreClasses.contains(store.storeClass())).toList();
    }

    /** @return generated store classes an index lists but the class path lacks, sorted */
    List<String> missingStoreClasses() {
        return missingStoreClasses.stream().sorted().toList();
    }
}
