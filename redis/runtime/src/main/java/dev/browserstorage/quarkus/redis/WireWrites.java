package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.StorageArea;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import java.time.Duration;
import java.time.Instant;
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
                ObjectNode o = node.putObject("o");
                o.put("path", options.path());
                options.domain().ifPresent(domain -> o.put("domain", domain));
                options.maxAge().ifPresent(maxAge -> o.put("maxAge", maxAge.toMillis()));
                options.expires().ifPresent(expires -> o.put("expires", expires.toEpochMilli()));
                o.put("secure", options.secure());
                o.put("sameSite", options.sameSite().name());
                o.put("partitioned", options.partitioned());
                o.put("httpOnly", options.httpOnly());
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
            CookieOptions options = null;
            JsonNode o = node.get("o");
            if (o != null) {
                CookieOptions.Builder builder = CookieOptions.builder()
                        .path(o.path("path").asText("/"))
                        .secure(o.path("secure").asBoolean())
                        .sameSite(SameSite.valueOf(o.path("sameSite").asText()))
                        .partitioned(o.path("partitioned").asBoolean())
                        .httpOnly(o.path("httpOnly").asBoolean());
                if (o.hasNonNull("domain")) {
                    builder.domain(o.get("domain").asText());
                }
                if (o.hasNonNull("maxAge")) {
                    builder.maxAge(Duration.ofMillis(o.get("maxAge").asLong()));
                }
                if (o.hasNonNull("expires")) {
                    builder.expires(Instant.ofEpochMilli(o.get("expires").asLong()));
                }
                options = builder.build();
            }
            writes.add(new Write(area, key, value, options));
        }
        return writes;
    }
}
