package dev.browserstorage.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.runtime.TypedStoreFiles;
import dev.browserstorage.quarkus.runtime.TypedStoresRecorder;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build steps of the typed JavaScript stores: serves {@code <path>/stores.global.js}, {@code
 * <path>/stores.js} and {@code <path>/stores.d.ts}, made of the processor's per-store definitions,
 * and fails the build when two stores would take one name there.
 */
class TypedStoresProcessor {

    @BuildStep
    void validateTypedStores(
            StoresBuildItem stores, BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        for (String clash : clashes(typedStores(stores.stores()))) {
            errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(
                    new IllegalStateException("browser-storage: " + clash)));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void serveTypedStores(
            BrowserStorageBuildTimeConfig config,
            StoresBuildItem stores,
            TypedStoresRecorder recorder,
            BuildProducer<RouteBuildItem> routes) {
        List<TypedStoreFiles.Store> typed = typedStores(stores.stores());
        if (!clashes(typedStores(stores.stores())).isEmpty()) {
            return; // validateTypedStores fails the build
        }
        List<String> names = typed.stream().map(TypedStoreFiles.Store::name).toList();
        List<String> types = typed.stream().map(TypedStoreFiles.Store::type).toList();
        List<String> interfaces =
                typed.stream().map(TypedStoreFiles.Store::interfaceName).toList();
        routes.produce(RouteBuildItem.builder()
                .route(config.path() + "/stores.global.js")
                .handler(recorder.script(names, types, interfaces))
                .build());
        routes.produce(RouteBuildItem.builder()
                .route(config.path() + "/stores.js")
                .handler(recorder.module(names, types, interfaces))
                .build());
        routes.produce(RouteBuildItem.builder()
                .route(config.path() + "/stores.d.ts")
                .handler(recorder.typings(names, types, interfaces))
                .build());
    }

    /**
     * The stores that have a typed definition (localStorage and sessionStorage stores built with a
     * processor that writes one), by type.
     */
    static List<TypedStoreFiles.Store> typedStores(List<StoreIndex.Store> stores) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ObjectMapper mapper = new ObjectMapper();
        List<TypedStoreFiles.Store> typed = new ArrayList<>();
        for (StoreIndex.Store store : stores) {
            if (store.area().equals("cookie")
                    || loader.getResource(TypedStoreFiles.DEFINITIONS + store.type() + ".js") == null) {
                continue;
            }
            String namespace = read(mapper, loader.getResource(store.schema()))
                    .path("namespace")
                    .asText();
            String simpleName =
                    store.type().substring(store.type().lastIndexOf('.') + 1).replace('$', '_');
            typed.add(new TypedStoreFiles.Store(namespace, store.type(), simpleName));
        }
        return typed;
    }

    /** Two stores with one namespace (one local, one session) or one interface name. */
    static List<String> clashes(List<TypedStoreFiles.Store> stores) {
        Map<String, TypedStoreFiles.Store> byName = new TreeMap<>();
        Map<String, TypedStoreFiles.Store> byInterface = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (TypedStoreFiles.Store store : stores) {
            TypedStoreFiles.Store earlier = byName.putIfAbsent(store.name(), store);
            if (earlier != null) {
                clashes.add("stores " + earlier.type() + " and " + store.type() + " both use namespace '" + store.name()
                        + "': the typed JavaScript stores are named by namespace (BrowserStorage.stores." + store.name()
                        + "). Give one of them another namespace.");
            }
            earlier = byInterface.putIfAbsent(store.interfaceName(), store);
            if (earlier != null) {
                clashes.add("stores " + earlier.type() + " and " + store.type() + " both have the simple name '"
                        + store.interfaceName() + "', which names their TypeScript interface in stores.d.ts. Rename one"
                        + " of the classes.");
            }
        }
        return clashes;
    }

    private static JsonNode read(ObjectMapper mapper, URL url) {
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + url, e);
        }
    }
}
