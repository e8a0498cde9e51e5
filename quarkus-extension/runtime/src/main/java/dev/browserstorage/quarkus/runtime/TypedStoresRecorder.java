package dev.browserstorage.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the handlers that serve the typed JavaScript stores: {@code <path>/stores.global.js},
 * {@code <path>/stores.js} and {@code <path>/stores.d.ts} (docs/javascript.md).
 */
@Recorder
public class TypedStoresRecorder {
    static final String JAVASCRIPT = "text/javascript; charset=utf-8";

    /**
     * The handler of the plain script, which registers the stores on {@code BrowserStorage.stores}.
     *
     * @param names the stores' names, in a stable order
     * @param types their POJOs' binary names, in the same order
     * @param interfaces their TypeScript interfaces' names, in the same order
     * @return the handler
     */
    public Handler<RoutingContext> script(List<String> names, List<String> types, List<String> interfaces) {
        return BrowserStorageRecorder.methods(
                new StaticText(TypedStoreFiles.script(stores(names, types, interfaces)), JAVASCRIPT));
    }

    /**
     * The handler of the ES module.
     *
     * @param names the stores' names, in a stable order
     * @param types their POJOs' binary names, in the same order
     * @param interfaces their TypeScript interfaces' names, in the same order
     * @return the handler
     */
    public Handler<RoutingContext> module(List<String> names, List<String> types, List<String> interfaces) {
        return BrowserStorageRecorder.methods(
                new StaticText(TypedStoreFiles.module(stores(names, types, interfaces)), JAVASCRIPT));
    }

    /**
     * The handler of the TypeScript types.
     *
     * @param names the stores' names, in a stable order
     * @param types their POJOs' binary names, in the same order
     * @param interfaces their TypeScript interfaces' names, in the same order
     * @return the handler
     */
    public Handler<RoutingContext> typings(List<String> names, List<String> types, List<String> interfaces) {
        return BrowserStorageRecorder.methods(
                new StaticText(TypedStoreFiles.typings(stores(names, types, interfaces)), "text/plain; charset=utf-8"));
    }

    private static List<TypedStoreFiles.Store> stores(List<String> names, List<String> types, List<String> interfaces) {
        List<TypedStoreFiles.Store> stores = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            stores.add(new TypedStoreFiles.Store(names.get(i), types.get(i), interfaces.get(i)));
        }
        return stores;
    }
}
