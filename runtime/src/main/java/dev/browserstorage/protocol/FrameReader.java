package dev.browserstorage.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.TabId;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one reader of the browser's frames: text in, a checked {@link BrowserFrame} out, or a {@link
 * ProtocolException} with the reason. The first frame of a connection is read as a {@code hello} by
 * {@link HelloReader}, token by token within the browser's limits; later frames are small, and are
 * read whole.
 */
public final class FrameReader {
    private FrameReader() {}

    /**
     * Reads a connection's first frame, which must be a {@code hello} for this server's app.
     *
     * @param text the frame
     * @param browser the browser, whose app and limits apply (a tab's are the same)
     * @return the hello
     * @throws ProtocolException a violation at the first limit passed or the first field that is
     *     wrong; {@code bad-frame} for text that is not a JSON object with a string {@code t}
     */
    public static BrowserFrame.Hello readHello(String text, Browser browser) {
        HelloReader.Hello read = HelloReader.read(text, browser);
        JsonNode frame = read.fields();
        if (frame.path("v").asInt(-1) != Frames.VERSION) {
            throw ProtocolException.violation(
                    "protocol version " + Frames.abbreviate(frame.path("v").toString())
                            + " is not supported; this server speaks " + Frames.VERSION);
        }
        if (!browser.appId().equals(frame.path("app").asText(null))) {
            throw ProtocolException.violation("this server serves app '" + browser.appId() + "', not "
                    + Frames.abbreviate(String.valueOf(frame.path("app"))));
        }
        URI page = page(frame);
        long applied = applied(frame, "applied");
        long tabApplied = applied(frame, "tabApplied");
        Map<Long, BrowserStorageException> failed = failed(frame, "failed");
        Map<Long, BrowserStorageException> tabFailed = failed(frame, "tabFailed");
        JsonNode named = frame.path("tab");
        String tab = named.isTextual() ? named.asText() : null;
        if (!named.isMissingNode() && !named.isNull() && !TabId.isValid(tab)) {
            throw ProtocolException.violation("'tab' must be " + TabId.RULE);
        }
        return new BrowserFrame.Hello(
                page,
                read.local(),
                read.session(),
                read.cookies(),
                applied,
                tabApplied,
                failed,
                tabFailed,
                tab,
                frame.path("resume").asBoolean(false));
    }

    /**
     * Reads a frame after the {@code hello}.
     *
     * @param text the frame
     * @return the frame
     * @throws ProtocolException {@code bad-frame} for a frame the protocol does not define or a field
     *     of the wrong type; a violation for a second {@code hello}
     */
    public static BrowserFrame read(String text) {
        JsonNode frame;
        try {
            frame = Frames.MAPPER.readTree(text);
        } catch (IOException e) {
            throw Frames.notJson(e);
        }
        if (frame == null || !frame.isObject() || !frame.path("t").isTextual()) {
            throw Frames.notAFrame();
        }
        String type = frame.get("t").asText();
        return switch (type) {
            case "hello" -> throw ProtocolException.violation("'hello' was already received on this connection");
            case "ack" -> new BrowserFrame.Ack(id(frame), isTab(frame));
            case "fail" -> new BrowserFrame.Fail(id(frame), isTab(frame), failure(frame));
            case "change" -> change(frame);
            default -> throw ProtocolException.badFrame("unknown frame type '" + Frames.abbreviate(type) + "'");
        };
    }

    private static boolean isTab(JsonNode frame) {
        return frame.path("tab").asBoolean(false);
    }

    private static BrowserFrame.Change change(JsonNode frame) {
        StorageArea area = area(frame);
        String key = text(frame, "key", false);
        JsonNode value = frame.get("value");
        if (value == null || !(value.isNull() || value.isTextual())) {
            throw ProtocolException.badFrame("'value' must be a string or null");
        }
        return new BrowserFrame.Change(area, key, value.isNull() ? null : value.asText());
    }

    /**
     * The batches a hello says the browser could not apply, as {@code fail} frames it keeps until a
     * hello has carried them.
     */
    private static Map<Long, BrowserStorageException> failed(JsonNode frame, String field) {
        JsonNode failed = frame.path(field);
        if (failed.isMissingNode() || failed.isNull()) {
            return Map.of();
        }
        if (!failed.isArray() || failed.size() > Frames.MAX_FAILED_IN_HELLO) {
            throw HelloReader.badFailureList(field);
        }
        Map<Long, BrowserStorageException> errors = new LinkedHashMap<>();
        for (JsonNode fail : failed) {
            try {
                if (!fail.isObject()) {
                    throw ProtocolException.badFrame("an entry is not an object");
                }
                errors.put(id(fail), failure(fail));
            } catch (ProtocolException e) {
                throw ProtocolException.violation("'" + field + "' holds a bad fail frame: " + e.getMessage());
            }
        }
        return errors;
    }

    /**
     * The highest batch id the hello says the browser applied, or -1 if it names none. The count
     * must stay exact in JavaScript, and the ids continuing after it too: a browser claiming more
     * would make the server send ids its glue cannot tell apart.
     */
    private static long applied(JsonNode frame, String field) {
        JsonNode applied = frame.path(field);
        if (applied.isMissingNode() || applied.isNull()) {
            return -1;
        }
        if (!applied.isIntegralNumber()
                || !applied.canConvertToLong()
                || applied.asLong() < 0
                || applied.asLong() > Frames.MAX_APPLIED) {
            throw ProtocolException.violation("'" + field + "' must be an integer from 0 to " + Frames.MAX_APPLIED);
        }
        return applied.asLong();
    }

    private static BrowserStorageException failure(JsonNode frame) {
        String message =
                "The browser refused the write: " + frame.path("message").asText("(no message)");
        String key = frame.path("key").asText("");
        StorageArea area = frame.path("area").isTextual() ? area(frame) : StorageArea.LOCAL;
        return switch (frame.path("error").asText("")) {
            case "quota" ->
                new QuotaExceededException(QuotaExceededException.Kind.BROWSER_QUOTA, area, key, -1, -1, message);
            case "unavailable" -> new StorageUnavailableException(area, message);
            case "cookie" ->
                new InvalidCookieException(cookieRule(frame.path("rule").asText("")), key, message);
            default -> throw ProtocolException.badFrame("'error' must be quota, unavailable or cookie");
        };
    }

    /**
     * The rule a {@code fail} names (the glue checks the rules before it writes); any name it does
     * not know, or none, means the browser refused the cookie for a reason of its own.
     */
    private static CookieRule cookieRule(String name) {
        for (CookieRule rule : CookieRule.values()) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return CookieRule.REFUSED_BY_BROWSER;
    }

    private static long id(JsonNode frame) {
        JsonNode id = frame.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw ProtocolException.badFrame("'id' must be a positive integer");
        }
        return id.asLong();
    }

    private static StorageArea area(JsonNode frame) {
        try {
            return StorageArea.fromWireName(text(frame, "area", false));
        } catch (IllegalArgumentException e) {
            throw ProtocolException.badFrame(e.getMessage());
        }
    }

    private static String text(JsonNode frame, String field, boolean optional) {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            if (optional) {
                return "";
            }
            throw ProtocolException.badFrame("'" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw ProtocolException.badFrame("'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static URI page(JsonNode frame) {
        String page = text(frame, "page", true);
        if (page.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(page);
            if (uri.getHost() == null) {
                throw ProtocolException.violation("'page' must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProtocolException.violation("'page' is not a URL: " + e.getReason());
        }
    }
}
