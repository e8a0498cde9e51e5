package dev.browserstorage.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;
import java.util.Map;
import java.util.Optional;

/** The CDI names of the generated stores' beans, by store class: what {@code {inject:<name>}} finds. */
public final class StoreNamesBuildItem extends SimpleBuildItem {
    private final Map<String, String> names;

    StoreNamesBuildItem(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** @return the name of a store class's bean, if it has one */
    Optional<String> nameOf(String storeClass) {
        return Optional.ofNullable(names.get(storeClass));
    }
}
