package dev.browserstorage.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.runtime.TypedStoreFiles;
import dev.browserstorage.quarkus.runtime.devui.BrowserStorageDevUiRecorder;
import dev.browserstorage.quarkus.runtime.devui.BrowserStorageJsonRpcService;
import dev.browserstorage.quarkus.runtime.devui.DevUiStores;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Build steps of browser-storage's Dev UI card (dev mode only): the application's stores and its
 * {@code stores.d.ts} as build-time data, and the JSON-RPC service that shows and edits what live
 * browsers hold.
 */
class DevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem createCard(BrowserStorageBuildTimeConfig config, StoresBuildItem stores) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Stores")
                .icon("font-awesome-solid:database")
                .componentLink("qwc-browser-storage-stores.js")
                .staticLabel(String.valueOf(stores.stores().size())));
        card.addPage(Page.webComponentPageBuilder()
                .title("Live browsers")
                .icon("font-awesome-solid:globe")
                .componentLink("qwc-browser-storage-browsers.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("stores.d.ts")
                .icon("font-awesome-solid:code")
                .componentLink("qwc-browser-storage-typings.js"));
        card.addBuildTimeData("stores", storesData(stores.stores()));
        card.addBuildTimeData("typings", typings(stores));
        card.addBuildTimeData("path", config.path());
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem registerJsonRpcService() {
        return new JsonRPCProvidersBuildItem(BrowserStorageJsonRpcService.class);
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem registerDevUiStores(StoresBuildItem stores, BrowserStorageDevUiRecorder recorder) {
        return SyntheticBeanBuildItem.configure(DevUiStores.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.stores(stores.stores().stream()
                        .map(StoreIndex.Store::storeClass)
                        .toList()))
                .done();
    }

    /**
     * Each store's schema as the page shows it. Defaults and JSON schemas become JSON text, so that
     * a {@code long} past 2<sup>53</sup> reaches the page exactly, not as a rounded JavaScript number.
     */
    static List<Map<String, Object>> storesData(List<StoreIndex.Store> stores) {
        ObjectMapper mapper = new ObjectMapper();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Map<String, Object>> data = new ArrayList<>();
        for (StoreIndex.Store store : stores) {
            ObjectNode schema = (ObjectNode) read(mapper, loader.getResource(store.schema()));
            schema.put("schemaResource", store.schema());
            for (JsonNode field : schema.path("fields")) {
                ObjectNode shown = (ObjectNode) field;
                if (shown.has("default")) {
                    shown.put("default", shown.get("default").toString());
                }
                if (shown.has("schema")) {
                    shown.put("schema", shown.get("schema").toString());
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> shown = mapper.convertValue(schema, Map.class);
            data.add(shown);
        }
        return data;
    }

    /** The {@code <path>/stores.d.ts} the application serves, or a line saying why there is none. */
    static String typings(StoresBuildItem stores) {
        if (!TypedStoresProcessor.clashes(TypedStoresProcessor.typedStores(stores.stores()))
                .isEmpty()) {
            return "// The build failed: two typed stores clash (see the build log).\n";
        }
        return TypedStoreFiles.typings(TypedStoresProcessor.typedStores(stores.stores()));
    }

    private static JsonNode read(ObjectMapper mapper, URL url) {
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
