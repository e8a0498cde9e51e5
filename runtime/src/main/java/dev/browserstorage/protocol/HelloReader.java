package dev.browserstorage.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.codec.Utf8;
import dev.browserstorage.cookie.CookieHeader;
import dev.browserstorage.cookie.CookieRules;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the first frame of a connection, which must be a {@code hello}, token by token, and stops at
 * the first of the browser's limits it passes: a hostile hello of megabytes (millions of tiny keys,
 * or of {@code a=b;} pairs) is refused after the part that passed the limit, before the rest is
 * parsed or anything is allocated for it. What it checks while it reads:
 *
 * <ul>
 *   <li>{@code local} and {@code session}: an object of strings, each key in the app's namespace
 *       and given once, and the keys and values together at most {@link StorageLimits#maxAreaUnits()}
 *       UTF-16 units; a value over {@link StorageLimits#maxValueBytes()} in UTF-8 is not kept, but
 *       stands as {@link Snapshot#OVER_LIMIT};
 *   <li>{@code cookies}: at most {@link #MAX_COOKIES_CHARS} characters and {@link
 *       Browser#MAX_COOKIES} pairs;
 *   <li>{@code failed}, {@code tabFailed}: at most {@link Frames#MAX_FAILED_IN_HELLO} entries;
 *   <li>{@code t}: {@code hello}, wherever it stands in the object;
 *   <li>no field of the protocol twice (a second {@code local} would cost a second budget).
 * </ul>
 *
 * Other fields are skipped unread. The small fields ({@code v}, {@code app}, {@code page}, {@code
 * applied}, {@code tab}, ...) are kept as JSON for {@link FrameReader}'s own checks, an object or
 * array among them as an empty one of its kind: its type is all those checks look at.
 */
final class HelloReader {
    /**
     * The longest {@code cookies} accepted: {@link Browser#MAX_COOKIES} cookies of the most a
     * browser stores for one ({@link CookieRules#MAX_NAME_VALUE_BYTES}, at least as many UTF-16
     * units), each with its {@code =} and the {@code "; "} that joins it to the next.
     */
    static final int MAX_COOKIES_CHARS = Browser.MAX_COOKIES * (CookieRules.MAX_NAME_VALUE_BYTES + 3);

    /** The fields of the protocol's hello; any other is skipped unread. */
    private static final Set<String> FIELDS = Set.of(
            "t",
            "v",
            "app",
            "page",
            "local",
            "session",
            "cookies",
            "applied",
            "tabApplied",
            "failed",
            "tabFailed",
            "tab",
            "resume");
    /** What {@link FrameReader} reads of a {@code fail} frame that a hello reports. */
    private static final Set<String> FAIL_FIELDS = Set.of("id", "error", "message", "rule", "area", "key");

    /**
     * A hello read within the limits.
     *
     * @param fields the small fields, and {@code failed} and {@code tabFailed}, as JSON
     * @param local the browser's localStorage keys of the app
     * @param session the tab's sessionStorage keys of the app
     * @param cookies the page's cookies, name to value, the first of a repeated name
     */
    record Hello(
            ObjectNode fields, Map<String, String> local, Map<String, String> session, Map<String, String> cookies) {}

    private final JsonParser json;
    private final Browser browser;
    private final StorageLimits limits;
    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();
    private final Set<String> seen = new HashSet<>();
    private Map<String, String> local = Map.of();
    private Map<String, String> session = Map.of();
    private Map<String, String> cookies = Map.of();

    private HelloReader(JsonParser json, Browser browser) {
        this.json = json;
        this.browser = browser;
        this.limits = browser.limits();
    }

    /**
     * Reads a connection's first frame.
     *
     * @param text the frame
     * @param browser the browser, whose app and limits apply (a tab's are the same)
     * @return the hello
     * @throws ProtocolException a violation at the first limit passed, or at a {@code t} other than
     *     {@code hello}; {@code bad-frame} (the connection going on, as for any frame) for text that
     *     is not JSON, or not an object with a string {@code t}, before either
     */
    static Hello read(String text, Browser browser) {
        try (JsonParser json = Frames.FACTORY.createParser(text)) {
            return new HelloReader(json, browser).read();
        } catch (IOException e) {
            throw Frames.notJson(e);
        }
    }

    private Hello read() throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw Frames.notAFrame();
        }
        for (String field = json.nextFieldName(); field != null; field = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            if (!FIELDS.contains(field)) {
                json.skipChildren();
                continue;
            }
            if (!seen.add(field)) {
                throw ProtocolException.violation("'" + field + "' is given twice");
            }
            switch (field) {
                case "t" -> type(value);
                case "local" -> local = area(StorageArea.LOCAL, value);
                case "session" -> session = area(StorageArea.SESSION, value);
                case "cookies" -> cookies = cookies(value);
                case "failed", "tabFailed" -> fields.set(field, failed(field, value));
                default -> fields.set(field, shallow(value));
            }
        }
        if (!seen.contains("t")) {
            throw Frames.notAFrame();
        }
        return new Hello(fields, local, session, cookies);
    }

    private void type(JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw Frames.notAFrame();
        }
        String type = json.getText();
        if (!type.equals("hello")) {
            throw ProtocolException.violation("the first frame must be 'hello', not '" + Frames.abbreviate(type) + "'");
        }
    }

    /** One area's keys and values, refused at the first key or value that passes a limit. */
    private Map<String, String> area(StorageArea area, JsonToken start) throws IOException {
        String name = area.wireName();
        if (start == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (start != JsonToken.START_OBJECT) {
            throw ProtocolException.violation("'" + name + "' must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        long units = 0;
        for (String key = json.nextFieldName(); key != null; key = json.nextFieldName()) {
            if (!browser.ownsKey(key)) {
                throw ProtocolException.violation("'" + name + "' has key '" + Frames.abbreviate(key)
                        + "' outside the app's namespace '" + browser.storageKey("") + "'");
            }
            if (values.containsKey(key)) {
                throw ProtocolException.violation("'" + name + "' has key '" + Frames.abbreviate(key) + "' twice");
            }
            units += key.length();
            checkBudget(name, key, units);
            if (json.nextToken() != JsonToken.VALUE_STRING) {
                throw ProtocolException.violation(
                        "'" + name + "' must map keys to strings; '" + Frames.abbreviate(key) + "' is not a string");
            }
            // A value has at least as many UTF-8 bytes as UTF-16 units: a longer one is not even made a String.
            int length = json.getTextLength();
            String value = length > limits.maxValueBytes() ? null : json.getText();
            units += length;
            checkBudget(name, key, units);
            // Not kept, but not refused either: refusing would lock out a browser whose limit was lowered.
            values.put(key, value == null || Utf8.length(value) > limits.maxValueBytes() ? Snapshot.OVER_LIMIT : value);
        }
        return values;
    }

    /** Units counted as {@link Browser} counts them: the Java lengths of keys and values. */
    private void checkBudget(String area, String key, long units) {
        if (units > limits.maxAreaUnits()) {
            throw ProtocolException.violation("'" + area + "' passes the app's budget of " + limits.maxAreaUnits()
                    + " UTF-16 units (keys and values) at key '" + Frames.abbreviate(key) + "'");
        }
    }

    /**
     * The cookies of {@code document.cookie}. The parser holds the string's characters once it is
     * read (the frame's size bounds them); they are split in place, and only up to the pair past
     * the limit.
     */
    private Map<String, String> cookies(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (value != JsonToken.VALUE_STRING) {
            throw ProtocolException.badFrame("'cookies' must be a string");
        }
        int length = json.getTextLength();
        if (length > MAX_COOKIES_CHARS) {
            throw ProtocolException.violation("'cookies' is longer than " + MAX_COOKIES_CHARS
                    + " characters, more than " + Browser.MAX_COOKIES + " cookies can take");
        }
        CharBuffer text = CharBuffer.wrap(json.getTextCharacters(), json.getTextOffset(), length);
        return CookieHeader.parse(
                text,
                Browser.MAX_COOKIES,
                () -> ProtocolException.violation("'cookies' has more than " + Browser.MAX_COOKIES + " cookies"));
    }

    /** The reported failures, each as the small object of its fields; anything but a list as its shape. */
    private JsonNode failed(String field, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return shallow(start);
        }
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        for (JsonToken entry = json.nextToken(); entry != JsonToken.END_ARRAY; entry = json.nextToken()) {
            if (entries.size() == Frames.MAX_FAILED_IN_HELLO) {
                throw badFailureList(field);
            }
            entries.add(entry == JsonToken.START_OBJECT ? failEntry() : shallow(entry));
        }
        return entries;
    }

    private ObjectNode failEntry() throws IOException {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            if (FAIL_FIELDS.contains(name)) {
                entry.set(name, shallow(value));
            } else {
                json.skipChildren();
            }
        }
        return entry;
    }

    /** A scalar as the tree parser reads it; an object or array as an empty one, its content skipped. */
    private JsonNode shallow(JsonToken value) throws IOException {
        return switch (value) {
            case START_OBJECT -> {
                json.skipChildren();
                yield JsonNodeFactory.instance.objectNode();
            }
            case START_ARRAY -> {
                json.skipChildren();
                yield JsonNodeFactory.instance.arrayNode();
            }
            default -> Frames.MAPPER.readTree(json);
        };
    }

    /**
     * The violation of a hello whose {@code failed} or {@code tabFailed} is not a list, or holds more
     * failures than the glue keeps.
     *
     * @param field {@code failed} or {@code tabFailed}
     * @return the violation
     */
    static ProtocolException badFailureList(String field) {
        return ProtocolException.violation(
                "'" + field + "' must be a list of at most " + Frames.MAX_FAILED_IN_HELLO + " fail frames");
    }
}
