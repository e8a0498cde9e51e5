package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.DisconnectedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import java.util.concurrent.CompletionException;

/** The typed error of a write, as the owner tells it to the node that made the write, which throws the same type. */
final class WireErrors {
    private WireErrors() {}

    static BrowserStorageException typed(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof BrowserStorageException typed) {
            return typed;
        }
        return new StorageUnavailableException(null, "The browser's server could not deliver the write: " + cause);
    }

    static ObjectNode toJson(BrowserStorageException error) {
        ObjectNode node = WireWrites.JSON.createObjectNode();
        node.put("message", error.getMessage());
        if (error instanceof QuotaExceededException quota) {
            node.put("type", "quota");
            node.put("kind", quota.kind().name());
            node.put("area", quota.area() == null ? null : quota.area().wireName());
            node.put("key", quota.key());
            node.put("attempted", quota.attempted());
            node.put("limit", quota.limit());
        } else if (error instanceof InvalidCookieException cookie) {
            node.put("type", "cookie");
            node.put("rule", cookie.rule().name());
            node.put("key", cookie.cookieName());
        } else if (error instanceof DisconnectedException) {
            node.put("type", "disconnected");
        } else {
            node.put("type", "unavailable");
            if (error instanceof StorageUnavailableException unavailable && unavailable.area() != null) {
                node.put("area", unavailable.area().wireName());
            }
        }
        return node;
    }

    static BrowserStorageException fromJson(JsonNode node) {
        String message = node.path("message").asText("The browser refused the write");
        StorageArea area = node.hasNonNull("area")
                ? StorageArea.fromWireName(node.get("area").asText())
                : null;
        return switch (node.path("type").asText()) {
            case "quota" ->
                new QuotaExceededException(
                        QuotaExceededException.Kind.valueOf(node.path("kind").asText()),
                        area,
                        node.path("key").asText(null),
                        node.path("attempted").asLong(-1),
                        node.path("limit").asLong(-1),
                        message);
            case "cookie" ->
                new InvalidCookieException(
                        CookieRule.valueOf(node.path("rule").asText()),
                        node.path("key").asText(""),
                        message);
            case "disconnected" -> new DisconnectedException(message);
            default -> new StorageUnavailableException(area, message);
        };
    }
}
