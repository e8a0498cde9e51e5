package dev.browserstorage.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.HttpOnlyCommits;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.cookie.CookieOptions;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** Writes the server's frames and reads the browser's, as {@code docs/protocol.md} defines them. */
public final class Frames {
    /** The protocol version this server speaks. */
    public static final int VERSION = 1;

    /** The most failed batches one {@code hello} may report per session (the glue keeps the last 32). */
    public static final int MAX_FAILED_IN_HELLO = 64;

    /**
     * The largest batch id the browser may claim to have applied (2^52): ids continue after it, and
     * must stay below 2^53, where JavaScript numbers stop being exact integers.
     */
    public static final long MAX_APPLIED = 1L << 52;

    /** The largest batch id a JavaScript number holds exactly (2^53 - 1). */
    public static final long MAX_BATCH_ID = (1L << 53) - 1;

    /**
     * Reads and writes every frame. Frames nest three levels at most: a hostile one cannot make the
     * parser recurse deeply. Field names are not canonicalized: the browser chooses them (a hello's
     * storage keys), and a million distinct ones would only fill the symbol table and the JVM's
     * string pool.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(8).build())
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();
    /** Reads frames (and a hello's small values) into trees, with {@link #FACTORY}. */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private Frames() {}

    /** The refusal of a text the parser could not read, whichever way the frame is read. */
    static ProtocolException notJson(IOException e) {
        return ProtocolException.badFrame(
                e instanceof JsonProcessingException json
                        ? "not a JSON object: " + json.getOriginalMessage()
                        : "not a JSON object");
    }

    /** The refusal of JSON that is not an object with a string {@code t}. */
    static ProtocolException notAFrame() {
        return ProtocolException.badFrame("a frame is a JSON object with a string field 't'");
    }

    /**
     * The browser's text as an error message may quote it: short, since a hostile frame's strings
     * can be megabytes long.
     */
    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /**
     * The {@code welcome} frame ({@link ServerFrame.Welcome}).
     *
     * @param appId the app's id
     * @param tabId the tab's id, which the tab keeps for its next hello
     * @return the frame's text
     */
    public static String welcome(String appId, String tabId) {
        return write(new ServerFrame.Welcome(appId, tabId));
    }

    /**
     * The {@code error} frame ({@link ServerFrame.Error}).
     *
     * @param code the error's code
     * @param message what is wrong
     * @return the frame's text
     */
    public static String error(String code, String message) {
        return write(new ServerFrame.Error(code, message));
    }

    /**
     * The {@code batch} frame of a write batch whose writes all carry their values.
     *
     * @param batch the batch
     * @param forTab true for a batch of the tab's own (its sessionStorage), whose ids count apart
     *     from the browser's
     * @return the frame's text
     */
    public static String batch(WriteBatch batch, boolean forTab) {
        return batch(batch, forTab, null, null);
    }

    /**
     * The {@code batch} frame of a write batch whose HttpOnly cookie writes travel as commit URLs
     * ({@link ServerFrame.Batch#minting}).
     *
     * @param batch the batch
     * @param forTab true for a batch of the tab's own
     * @param browserId the browser the commit URLs are for
     * @param commits issues the commit URLs; {@code null} where there is none
     * @return the frame's text
     */
    public static String batch(WriteBatch batch, boolean forTab, String browserId, HttpOnlyCommits commits) {
        return write(ServerFrame.Batch.minting(batch, forTab, browserId, commits));
    }

    /**
     * Serializes a frame; nothing else: every value it writes is in the record.
     *
     * @param frame the frame
     * @return its text
     */
    public static String write(ServerFrame frame) {
        // Java 17 has no pattern matching in switch: the sealed interface keeps this list complete.
        if (frame instanceof ServerFrame.Welcome welcome) {
            return object(json -> {
                json.writeStringField("t", "welcome");
                json.writeNumberField("v", VERSION);
                json.writeStringField("app", welcome.app());
                json.writeStringField("tab", welcome.tab());
            });
        }
        if (frame instanceof ServerFrame.Error error) {
            return object(json -> {
                json.writeStringField("t", "error");
                json.writeStringField("code", error.code());
                json.writeStringField("message", error.message());
            });
        }
        if (frame instanceof ServerFrame.Batch batch) {
            return object(json -> writeBatch(json, batch));
        }
        ServerFrame.Batches batches = (ServerFrame.Batches) frame;
        return object(json -> {
            json.writeStringField("t", "batches");
            json.writeArrayFieldStart("batches");
            for (ServerFrame.Batch batch : batches.batches()) {
                json.writeStartObject();
                writeBatch(json, batch);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private static void writeBatch(JsonGenerator json, ServerFrame.Batch frame) throws IOException {
        WriteBatch batch = frame.batch();
        // t, id, then tab, in this order: AnswerCredits reads the ids back from the text as it leaves.
        json.writeStringField("t", "batch");
        json.writeNumberField("id", batch.id());
        if (frame.tab()) {
            json.writeBooleanField("tab", true);
        }
        json.writeStringField("token", batch.token());
        json.writeArrayFieldStart("writes");
        for (int i = 0; i < batch.writes().size(); i++) {
            Write write = batch.writes().get(i);
            String commit = frame.commitUrls().get(i);
            json.writeStartObject();
            json.writeStringField("area", write.area().wireName());
            json.writeStringField("key", write.key());
            if (commit != null) {
                // The value of an HttpOnly cookie never enters a frame: the glue fetches it as a header.
                json.writeStringField("commit", commit);
                json.writeBooleanField("remove", write.isRemoval());
            } else {
                json.writeStringField("value", write.value());
            }
            if (write.cookieOptions() != null) {
                writeCookie(json, write.cookieOptions());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    // ---------------------------------------------------------------- rendered batches (issue #5)

    /** The most batches a page carries per area: the glue remembers the tokens of the last 32 it applied. */
    public static final int MAX_RENDERED_BATCHES = 32;

    /**
     * The pending batches a page carries for its glue to apply before the socket connects (the
     * glue's {@code data-pending}): {@code [{"token":…,"tab":"<tab id>"?,"writes":[{"area","key","value"}]}]},
     * the browser's batches first, then the tab's, each in id order. Ids are left out: a session not
     * yet greeted by its browser renumbers on {@code hello}, and the glue matches batches by token.
     * Cookie writes are not rendered (the socket applies them, with their rules and commit URLs): an
     * area's batches stop at the first that has one, and at {@link #MAX_RENDERED_BATCHES}, so that
     * the page never applies a later batch before an earlier one.
     *
     * @param browserBatches the browser's pending batches, in id order
     * @param tabId the tab whose batches follow, or {@code null}
     * @param tabBatches the tab's pending batches, in id order
     * @return the JSON text, {@code []} when there is nothing to apply
     */
    public static String rendered(List<WriteBatch> browserBatches, String tabId, List<WriteBatch> tabBatches) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartArray();
            writeRendered(json, browserBatches, null);
            if (tabId != null) {
                writeRendered(json, tabBatches, tabId);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRendered(JsonGenerator json, List<WriteBatch> batches, String tabId) throws IOException {
        for (WriteBatch batch : batches.subList(0, Math.min(batches.size(), MAX_RENDERED_BATCHES))) {
            if (batch.writes().stream().anyMatch(write -> write.area() == StorageArea.COOKIE)) {
                return;
            }
            json.writeStartObject();
            json.writeStringField("token", batch.token());
            if (tabId != null) {
                json.writeStringField("tab", tabId);
            }
            json.writeArrayFieldStart("writes");
            for (Write write : batch.writes()) {
                json.writeStartObject();
                json.writeStringField("area", write.area().wireName());
                json.writeStringField("key", write.key());
                json.writeStringField("value", write.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeCookie(JsonGenerator json, CookieOptions options) throws IOException {
        json.writeObjectFieldStart("cookie");
        json.writeStringField("path", options.path());
        if (options.domain().isPresent()) {
            json.writeStringField("domain", options.domain().get());
        }
        if (options.maxAge().isPresent()) {
            Duration maxAge = options.maxAge().get();
            json.writeNumberField("maxAge", Math.max(0, maxAge.toSeconds()));
        }
        if (options.expires().isPresent()) {
            json.writeNumberField("expires", options.expires().get().toEpochMilli());
        }
        json.writeBooleanField("secure", options.secure());
        json.writeStringField("sameSite", options.sameSite().attributeValue());
        json.writeBooleanField("partitioned", options.partitioned());
        if (options.httpOnly()) {
            json.writeBooleanField("httpOnly", true);
        }
        json.writeEndObject();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String object(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
