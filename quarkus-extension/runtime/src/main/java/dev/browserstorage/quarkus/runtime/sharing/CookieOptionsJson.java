package dev.browserstorage.quarkus.runtime.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.cookie.CookieOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * A cookie's options as JSON between the app's nodes, every attribute kept as the server made it:
 * in the scale-out module's writes and in the commits of HttpOnly cookies that another node may
 * redeem. {@link #fromJson} reads what {@link #toJson} wrote.
 */
public final class CookieOptionsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CookieOptionsJson() {}

    /**
     * @param options the options
     * @return a new JSON object of them
     */
    public static ObjectNode toJson(CookieOptions options) {
        ObjectNode o = JSON.createObjectNode();
        o.put("path", options.path());
        options.domain().ifPresent(domain -> o.put("domain", domain));
        options.maxAge().ifPresent(maxAge -> o.put("maxAge", maxAge.toMillis()));
        options.expires().ifPresent(expires -> o.put("expires", expires.toEpochMilli()));
        o.put("secure", options.secure());
        o.put("sameSite", options.sameSite().name());
        o.put("partitioned", options.partitioned());
        o.put("httpOnly", options.httpOnly());
        return o;
    }

    /**
     * @param o a JSON object {@link #toJson} wrote
     * @return the options
     * @throws IllegalArgumentException if its {@code sameSite} is not a {@link SameSite}, or an
     *     attribute breaks the rules of {@link CookieOptions.Builder}
     */
    public static CookieOptions fromJson(JsonNode o) {
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
        return builder.build();
    }
}
