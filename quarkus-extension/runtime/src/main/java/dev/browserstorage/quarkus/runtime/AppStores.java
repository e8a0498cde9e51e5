package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protect.Protection;
import dev.browserstorage.store.StoreDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * The app's stores as the build found them, each by its generated class's {@code DESCRIPTOR}, and
 * the protection key dev mode keeps across live reloads. Made once at start-up by {@link
 * BrowserStorageRecorder#appStores}.
 *
 * <p><strong>Internal:</strong> a bean of the extension, not for applications.
 */
public final class AppStores {
    private final List<StoreDescriptor> descriptors;
    private final byte[] devKey;

    /**
     * @param descriptors every store's descriptor
     * @param devKey the secret dev mode keeps across live reloads, or {@code null} outside dev mode
     */
    public AppStores(List<StoreDescriptor> descriptors, byte[] devKey) {
        this.descriptors = List.copyOf(descriptors);
        this.devKey = devKey == null ? null : devKey.clone();
    }

    /**
     * The descriptor of a generated store: its {@code DESCRIPTOR} constant.
     *
     * @param storeClassName the generated store's binary name
     * @return its descriptor
     * @throws IllegalStateException if the class or its constant cannot be read
     */
    public static StoreDescriptor descriptorOf(String storeClassName) {
        try {
            Class<?> type =
                    Class.forName(storeClassName, true, Thread.currentThread().getContextClassLoader());
            return (StoreDescriptor) type.getField("DESCRIPTOR").get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "Cannot read the DESCRIPTOR of store " + storeClassName + ": rebuild it with the same"
                            + " browser-storage-processor version as the runtime",
                    e);
        }
    }

    /** @return every store's descriptor, sorted by POJO name */
    public List<StoreDescriptor> descriptors() {
        return descriptors;
    }

    /** @return whether a field of some store is {@code @Signed} or {@code @Encrypted} */
    public boolean hasProtectedFields() {
        return descriptors.stream()
                .flatMap(store -> store.fields().stream())
                .anyMatch(field -> field.protection() != Protection.NONE);
    }

    /** @return the secret dev mode keeps across live reloads, when the app runs in dev mode */
    Optional<byte[]> devKey() {
        return Optional.ofNullable(devKey).map(byte[]::clone);
    }

    @Override
    public String toString() {
        // Never the key.
        return "AppStores" + descriptors;
    }
}
