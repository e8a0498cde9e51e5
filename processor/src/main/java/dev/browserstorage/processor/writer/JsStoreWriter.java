package dev.browserstorage.processor.writer;

import dev.browserstorage.StorageArea;
import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Writes a store's typed JavaScript definition: a plain script that hands the store's fields (their
 * keys, the JSON schemas of {@link SchemaWriter}, defaults and lifetimes) to {@code
 * BrowserStorage.defineStore}, which makes {@code BrowserStorage.stores.<namespace>} with a
 * checked property per field. The extension serves the definitions of all stores after that runtime
 * (see {@code docs/javascript.md}). The limits a value is checked against are not written here: they
 * are the server's run-time configuration, which the glue receives when it is served. Cookie stores get none: the glue's API reads only localStorage
 * and sessionStorage. A store above version 1 carries its {@code "version"}; signed fields carry
 * {@code "protection": "signed"} (the page reads them, never writes them), and encrypted fields are
 * left out, since the page can do nothing with their values.
 */
public final class JsStoreWriter {
    /** Where the definitions go, relative to the class output, next to their TypeScript types. */
    public static final String DIRECTORY = "META-INF/browser-storage/js/";

    private final String generator;

    /**
     * A writer that names the generator in its outputs' first line.
     *
     * @param generator the processor's class name
     */
    public JsStoreWriter(String generator) {
        this.generator = generator;
    }

    /**
     * Whether a store gets a JavaScript definition and TypeScript types.
     *
     * @param store a store without errors
     * @return true for localStorage and sessionStorage stores
     */
    public static boolean applies(StoreModel store) {
        return store.area() != StorageArea.COOKIE;
    }

    /**
     * The resource path of a store's definition.
     *
     * @param store the store
     * @return {@code META-INF/browser-storage/js/<binary POJO name>.js}
     */
    public static String path(StoreModel store) {
        return DIRECTORY + store.pojo().reflectionName() + ".js";
    }

    /**
     * The definition of a store.
     *
     * @param store a localStorage or sessionStorage store without errors
     * @return the script
     */
    public String write(StoreModel store) {
        StringBuilder out = new StringBuilder()
                .append(firstLine(generator, store))
                .append("BrowserStorage.defineStore(")
                .append(Json.compact(json -> {
                    json.writeStartObject();
                    json.writeStringField("name", store.namespace());
                    json.writeStringField("area", store.area().wireName());
                    json.writeStringField("type", store.pojo().reflectionName());
                    if (store.version() > 1) {
                        json.writeNumberField("version", store.version());
                    }
                    json.writeEndObject();
                }));
        // One field a line, so that a diff of two versions shows which field changed.
        out.setLength(out.length() - 1);
        out.append(",\"fields\":[");
        String separator = "\n  ";
        for (FieldModel field : visibleFields(store)) {
            out.append(separator).append(field(store, field));
            separator = ",\n  ";
        }
        return out.append("\n]});\n").toString();
    }

    private static String field(StoreModel store, FieldModel field) {
        return Json.compact(json -> {
            json.writeStartObject();
            json.writeStringField("name", field.name());
            json.writeStringField("key", store.keyOf(field));
            json.writeStringField("javaType", field.type().javaType().toString());
            json.writeFieldName("schema");
            SchemaWriter.writeSchema(json, field.type());
            if (field.defaultLiteral().isPresent()) {
                json.writeFieldName("default");
                SchemaWriter.writeLiteral(json, field.defaultLiteral().get());
            }
            Optional<String> ttl = store.ttlOf(field);
            if (ttl.isPresent()) {
                json.writeNumberField("ttlSeconds", Duration.parse(ttl.get()).toSeconds());
            }
            SchemaWriter.writeProtection(json, store, field);
            json.writeEndObject();
        });
    }

    /**
     * The fields page scripts get: all but the encrypted ones, whose values are opaque to the page.
     *
     * @param store a localStorage or sessionStorage store
     * @return its fields without the encrypted ones, in declaration order
     */
    static List<FieldModel> visibleFields(StoreModel store) {
        return store.fields().stream()
                .filter(field -> store.protectionOf(field) != Protection.ENCRYPTED)
                .toList();
    }

    /**
     * The first line of every script and declaration file the processor writes.
     *
     * @param generator the processor's class name
     * @param store the store the file is written for
     * @return {@code // Generated by <generator> from <pojo>. Do not edit.} and a line break
     */
    static String firstLine(String generator, StoreModel store) {
        return "// Generated by " + generator + " from " + store.pojo().reflectionName() + ". Do not edit.\n";
    }
}
