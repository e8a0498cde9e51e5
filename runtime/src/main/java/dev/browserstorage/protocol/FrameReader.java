package dev.browserstorage.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
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
        long answered = answeredBatch(text);
        if (answered >= 0 && text.startsWith(ACK_HEAD)) {
            // The glue's ack, all of it (answeredBatch checked every character): no tree needed.
            return new BrowserFrame.Ack(answered >>> 1, (answered & 1) == 1);
        }
        JsonNode frame;
        try {
            frame = AFTER_HELLO.readTree(text);
        } catch (IOException e) {
            if (e instanceof JsonProcessingException json
                    && String.valueOf(json.getOriginalMessage()).startsWith("Duplicate field")) {
                // Jackson's message names the field, which a hostile frame makes megabytes long.
                throw ProtocolException.badFrame("a field is given more than once");
            }
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

    /** How an {@code ack} or a {@code fail} begins, as the glue writes them: {@code JSON.stringify} keeps the order. */
    private static final String ACK_HEAD = "{\"t\":\"ack\",\"id\":";

    private static final String FAIL_HEAD = "{\"t\":\"fail\",\"id\":";

    /** How the answer to a tab's batch ends: the glue marks it last. */
    private static final String TAB_TAIL = ",\"tab\":true}";

    /**
     * Frames after the hello: a field given twice is refused, so that a frame that begins as an
     * answer ({@link #answeredBatch}) is that answer or nothing.
     */
    private static final ObjectReader AFTER_HELLO =
            Frames.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * The batch a frame answers, read from its first characters only, in the shape the glue writes:
     * {@code {"t":"ack","id":<id>}} exactly, or {@code {"t":"fail","id":<id>,…}}; either ending in
     * {@code ,"tab":true}} for a tab's batch. Costs a comparison of a few characters: the sync
     * endpoint asks it of every frame, before the frame is read ({@link AnswerCredits}). A frame it
     * names is read as that answer or refused as a bad frame (no field may come twice), so a frame
     * cannot pass for an answer and act as another.
     *
     * @param text a frame from the browser
     * @return the batch's id times two, plus one for a tab's batch; -1 if the frame does not begin
     *     as an answer
     */
    public static long answeredBatch(String text) {
        boolean ack = text.startsWith(ACK_HEAD);
        if (!ack && !text.startsWith(FAIL_HEAD)) {
            return -1;
        }
        int start = ack ? ACK_HEAD.length() : FAIL_HEAD.length();
        int end = start;
        // Up to 16 digits, the first not 0: JSON has no leading zeros, and ids stay below 2^53.
        while (end < text.length() && end - start <= 16 && isDigit(text.charAt(end), end == start)) {
            end++;
        }
        if (end == start || end - start > 16 || end == text.length()) {
            return -1;
        }
        long id = Long.parseLong(text, start, end, 10);
        if (id > Frames.MAX_BATCH_ID) {
            return -1;
        }
        if (ack ? !isAckTail(text, end) : text.charAt(end) != ',') {
            return -1;
        }
        return id << 1 | (text.endsWith(TAB_TAIL) ? 1 : 0);
    }

    private static boolean isDigit(char c, boolean first) {
        return c >= (first ? '1' : '0') && c <= '9';
    }

    /** An ack is nothing but its id, and its tab mark. */
    private static boolean isAckTail(String text, int end) {
        int rest = text.length() - end;
        return (rest == 1 && text.charAt(end) == '}') || (rest == TAB_TAIL.length() && text.endsWith(TAB_TAIL));
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
