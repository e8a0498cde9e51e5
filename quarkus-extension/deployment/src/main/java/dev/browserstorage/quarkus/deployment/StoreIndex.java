package dev.browserstorage.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stores of an application, read at build time from every {@code
 * META-INF/browser-storage/index.json} on the class path (one per jar that has stores) and the
 * schemas they point to.
 */
final class StoreIndex {
    static final String INDEX = "META-INF/browser-storage/index.json";

    /**
     * One store: its POJO and generated class, its area, its fields' keys, its schema's resource and
     * its namespace (empty for cookie stores).
     */
    record Store(String type, String storeClass, String area, List<String> keys, String schema, String namespace) {}

    private StoreIndex() {}

    static List<Store> read(ClassLoader loader) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Store> stores = new TreeMap<>();
        try {
            for (URL index : Collections.list(loader.getResources(INDEX))) {
                for (JsonNode entry : read(mapper, index).path("stores")) {
                    String schemaPath = entry.path("schema").asText();
                    URL schemaUrl = loader.getResource(schemaPath);
                    if (schemaUrl == null) {
                        throw new IllegalStateException(index + " lists " + schemaPath + ", which is not on the class path");
                    }
                    List<String> keys = new ArrayList<>();
                    JsonNode schema = read(mapper, schemaUrl);
                    for (JsonNode field : schema.path("fields")) {
                        keys.add(field.path("key").asText());
                    }
                    String type = entry.path("type").asText();
                    stores.putIfAbsent(type, new Store(type, entry.path("store").asText(), entry.path("area").asText(), keys,
                            schemaPath, schema.path("namespace").asText("")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the browser-storage store indexes", e);
        }
        return List.copyOf(stores.values());
    }

    private static JsonNode read(ObjectMapper mapper, URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        }
    }

    /**
     * Two stores that claim one key, in one jar or across jars: browsers would keep one value for
     * both, so they would overwrite each other.
     *
     * @param stores the stores
     * @return one message per clash, naming both stores
     */
    static List<String> clashes(List<Store> stores) {
        Map<String, Store> owners = new TreeMap<>();
        List<String> clashes = new ArrayList<>();
        for (Store store : stores) {
            for (String key : store.keys()) {
                Store earlier = owners.putIfAbsent(store.area() + ":" + key, store);
                if (earlier != null && earlier != store) {
                    clashes.add("stores " + earlier.type() + " and " + store.type() + " both use " + store.area()
                            + (store.area().equals("cookie") ? " name '" : " key '") + key
                            + "': they would overwrite each other in the browser. Rename one with @Key, or give the stores"
                            + " different namespaces.");
                }
            }
        }
        return clashes;
    }
}
