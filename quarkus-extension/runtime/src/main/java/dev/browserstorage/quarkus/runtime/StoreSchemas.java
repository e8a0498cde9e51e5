package dev.browserstorage.quarkus.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The schemas of all the application's stores in one document, as the server serves them ({@code
 * <path>/stores.json}, and at the end of the glue with form binding): {@code
 * {"formatVersion":1,"stores":[...]}}, each element one store's schema as the processor wrote it,
 * with two things only the server knows: {@code name}, the name its fields are bound by ({@code
 * data-storage="<name>.<field>"}, the rule of the store's bean name), and, for localStorage and
 * sessionStorage stores, {@code limits} from the run-time configuration in place of the defaults the
 * processor wrote.
 */
final class StoreSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreSchemas() {}

    /**
     * The document.
     *
     * @param schemas the class-path resources of the schemas, in a stable order
     * @param names the name each store's fields are bound by, in the same order
     * @param limits the server's limits
     * @return its JSON text
     */
    static String document(List<String> schemas, List<String> names, GlueScript.Limits limits) {
        ObjectNode document = JSON.createObjectNode().put("formatVersion", 1);
        ArrayNode stores = document.putArray("stores");
        for (int i = 0; i < schemas.size(); i++) {
            ObjectNode store = read(schemas.get(i));
            store.put("name", names.get(i));
            if (store.has("namespace")) {
                store.putObject("limits")
                        .put("maxValueBytes", limits.maxValueBytes())
                        .put("maxAreaUnits", limits.maxAreaUnits());
            }
            stores.add(store);
        }
        return document.toString();
    }

    private static ObjectNode read(String schema) {
        try {
            return (ObjectNode) JSON.readTree(BrowserStorageRecorder.resource(schema));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot read the store schema " + schema, e);
        }
    }
}
