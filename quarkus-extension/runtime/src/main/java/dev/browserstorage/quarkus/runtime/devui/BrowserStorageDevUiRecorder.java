package dev.browserstorage.quarkus.runtime.devui;

import io.quarkus.runtime.annotations.Recorder;
import java.util.List;
import java.util.function.Supplier;

/** Hands the Dev UI's JSON-RPC service the stores the build found; recorded in dev mode only. */
@Recorder
public class BrowserStorageDevUiRecorder {

    /**
     * @param storeClasses the generated store classes' binary names, in a stable order
     * @return the supplier of the {@link DevUiStores} bean
     */
    public Supplier<DevUiStores> stores(List<String> storeClasses) {
        DevUiStores stores = new DevUiStores(storeClasses);
        return () -> stores;
    }
}
