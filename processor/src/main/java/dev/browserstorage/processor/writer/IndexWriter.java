package dev.browserstorage.processor.writer;

import java.util.SortedMap;

/**
 * Writes the index of every store of a compilation, sorted by type, once at the end of processing.
 * The server extension reads the indexes of every jar to find the stores and check them together.
 */
public final class IndexWriter {
    /** Where the index goes, relative to the class output. */
    public static final String PATH = "META-INF/browser-storage/index.json";

    /**
     * One store in the index.
     *
     * @param store the generated store's binary name
     * @param area its area's wire name
     * @param schema the resource path of its schema
     */
    public record Entry(String store, String area, String schema) {}

    /**
     * The index.
     *
     * @param entries the stores, by POJO binary name
     * @return the JSON text
     */
    public String write(SortedMap<String, Entry> entries) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeNumberField("formatVersion", SchemaWriter.FORMAT_VERSION);
            json.writeArrayFieldStart("stores");
            for (var entry : entries.entrySet()) {
                json.writeStartObject();
                json.writeStringField("type", entry.getKey());
                json.writeStringField("store", entry.getValue().store());
                json.writeStringField("area", entry.getValue().area());
                json.writeStringField("schema", entry.getValue().schema());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
