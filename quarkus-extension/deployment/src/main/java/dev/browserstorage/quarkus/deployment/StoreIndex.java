package dev.browserstorage.quarkus.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.StorageArea;
import dev.browserstorage.annotation.Cookie;
import dev.browserstorage.annotation.LocalStorage;
import dev.browserstorage.annotation.SessionStorage;
import dev.browserstorage.store.GeneratedStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

/**
 * The stores of an application, found at build time in its class index: every class the processor
 * marked with {@link GeneratedStore}, in the application and in the jars that hold stores (which
 * {@code BrowserStorageProcessor} has Quarkus index), with the keys and namespace read from the
 * schema each one names. Each store describes itself, so a compilation that saw only some POJOs
 * (dev mode's, an IDE's) cannot hide the others.
 */
final class StoreIndex {
    /**
     * A path every jar with stores has (the processor writes each store's schema there), by which
     * Quarkus indexes those jars as it indexes the application.
     */
    static final String STORE_JAR_MARKER = "META-INF/browser-storage/stores";

    private static final DotName GENERATED_STORE = DotName.createSimple(GeneratedStore.class);
    private static final Map<StorageArea, DotName> AREA_ANNOTATIONS = Map.of(
            StorageArea.LOCAL, DotName.createSimple(LocalStorage.class),
            StorageArea.SESSION, DotName.createSimple(SessionStorage.class),
            StorageArea.COOKIE, DotName.createSimple(Cookie.class));

    /**
     * One store: its POJO and generated class, its area, its fields' keys, its schema's resource, its
     * namespace (empty for cookie stores) and the Java names of its {@code @Encrypted} fields.
     */
    record Store(
            String type,
            String storeClass,
            String area,
            List<String> keys,
            String schema,
            String namespace,
            List<String> encryptedFields) {
        Store(String type, String storeClass, String area, List<String> keys, String schema, String namespace) {
            this(type, storeClass, area, keys, schema, namespace, List.of());
        }
    }

    /**
     * What the index holds.
     *
     * @param stores the stores, by POJO name
     * @param stale one warning per generated store left over from a POJO that is gone or no longer
     *     a store of its area (dev mode keeps such classes until a clean build): not used
     * @param missingSchemas one error per store whose schema is not on the class path: not usable
     */
    record Found(List<Store> stores, List<String> stale, List<String> missingSchemas) {}

    private StoreIndex() {}

    static Found read(IndexView index, ClassLoader loader) {
        ObjectMapper mapper = new ObjectMapper();
        SortedMap<String, Store> stores = new TreeMap<>();
        SortedMap<String, String> stale = new TreeMap<>();
        SortedMap<String, String> missingSchemas = new TreeMap<>();
        for (AnnotationInstance marker : index.getAnnotations(GENERATED_STORE)) {
            if (marker.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            String storeClass = marker.target().asClass().name().toString();
            DotName pojo = marker.value("pojo").asClass().name();
            StorageArea area = StorageArea.valueOf(marker.value("area").asEnum());
            String schemaPath = marker.value("schema").asString();
            ClassInfo pojoClass = index.getClassByName(pojo);
            if (pojoClass == null || pojoClass.declaredAnnotation(AREA_ANNOTATIONS.get(area)) == null) {
                stale.put(
                        storeClass,
                        "browser-storage: ignoring " + storeClass + ", left over from an earlier build: "
                                + pojo
                                + (pojoClass == null
                                        ? " is gone"
                                        : " is no longer a @"
                                                + AREA_ANNOTATIONS.get(area).withoutPackagePrefix() + " store")
                                + ". A clean build removes it.");
                continue;
            }
            URL schemaUrl = loader.getResource(schemaPath);
            if (schemaUrl == null) {
                missingSchemas.put(
                        storeClass,
                        "browser-storage: store " + storeClass + " names its schema " + schemaPath
                                + ", which is not on the class path: rebuild the jar that holds " + pojo + " with"
                                + " browser-storage-processor, keeping its META-INF/browser-storage resources");
                continue;
            }
            JsonNode schema = read(mapper, schemaUrl);
            List<String> keys = new ArrayList<>();
            List<String> encrypted = new ArrayList<>();
            for (JsonNode field : schema.path("fields")) {
                keys.add(field.path("key").asText());
                if (field.path("protection").asText().equals("encrypted")) {
                    encrypted.add(field.path("name").asText());
                }
            }
            stores.putIfAbsent(
                    pojo.toString(),
                    new Store(
                            pojo.toString(),
                            storeClass,
                            area.wireName(),
                            List.copyOf(keys),
                            schemaPath,
                            schema.path("namespace").asText(""),
                            List.copyOf(encrypted)));
        }
        return new Found(
                List.copyOf(stores.values()), List.copyOf(stale.values()), List.copyOf(missingSchemas.values()));
    }

    private static JsonNode read(ObjectMapper mapper, URL url) {
        try (InputStream in = url.openStream()) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the browser-storage schema " + url, e);
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
