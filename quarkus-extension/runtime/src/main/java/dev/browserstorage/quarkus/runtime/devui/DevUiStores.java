package dev.browserstorage.quarkus.runtime.devui;

import dev.browserstorage.quarkus.runtime.AppStores;
import dev.browserstorage.store.StoreDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application's generated stores, as the build found them, for the Dev UI: each one's {@link
 * StoreDescriptor}, which knows the fields' keys, codecs, defaults, lifetimes and cookie attributes.
 */
public final class DevUiStores {
    private final List<String> storeClasses;
    private volatile List<StoreDescriptor> descriptors;

    /**
     * @param storeClasses the generated store classes' binary names, in a stable order
     */
    public DevUiStores(List<String> storeClasses) {
        this.storeClasses = List.copyOf(storeClasses);
    }

    /** @return every store's descriptor, in the build's order */
    List<StoreDescriptor> descriptors() {
        List<StoreDescriptor> loaded = descriptors;
        if (loaded == null) {
            // Only when the Dev UI first asks: nothing of this runs outside dev mode.
            List<StoreDescriptor> found = new ArrayList<>();
            for (String storeClass : storeClasses) {
                found.add(load(storeClass));
            }
            descriptors = loaded = List.copyOf(found);
        }
        return loaded;
    }

    /**
     * @param type the POJO's binary name
     * @return its store's descriptor
     */
    Optional<StoreDescriptor> byType(String type) {
        return descriptors().stream()
                .filter(descriptor -> descriptor.typeName().equals(type))
                .findFirst();
    }

    private static StoreDescriptor load(String storeClass) {
        return AppStores.descriptorOf(storeClass);
    }
}
