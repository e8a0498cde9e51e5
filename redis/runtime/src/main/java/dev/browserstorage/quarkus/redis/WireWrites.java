package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.runtime.sharing.CookieOptionsJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes as JSON between nodes (in the outbox and in change messages), every attribute kept: a
 * cookie write carries its options as the server made them.
 */
final class WireWrites {
    static final ObjectMapper JSON = new ObjectMapper();

    private WireWrites() {}

    static ArrayNode toJson(List<Write> writes) {
        ArrayNode array = JSON.createArrayNode();
        for (Write write : writes) {
            ObjectNode node = array.addObject();
            node.put("a", write.area().wireName());
            node.put("k", write.key());
            node.put("v", write.value());
            CookieOptions options = write.cookieOptions();
            if (options != null) {
                node.set("o", CookieOptionsJson.toJson(options));
            }
        }
        return array;
    }

    static List<Write> fromJson(JsonNode array) {
        List<Write> writes = new ArrayList<>(array.size());
        for (JsonNode node : array) {
            StorageArea area = StorageArea.fromWireName(node.path("a").asText());
            String key = node.path("k").asText();
            String value = node.path("v").isNull() ? null : node.path("v").asText();
            JsonNode o = node.get("o");
            CookieOptions options = o == null ? null : CookieOptionsJson.fromJson(o);
            writes.add(new Write(area, key, value, options));
        }
        return writes;
    }
}
