package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Objects;

/**
 * The frame every built-in codec shares: {@link #encode} runs {@link #write} on a fresh generator,
 * {@link #decode} runs {@link #read} on a fresh parser and insists that the text is exactly one JSON
 * value. Subclasses only say how one value looks in JSON; what {@link #isTextual()} and {@link
 * #producesImmutableValues()} answer is fixed when a codec is made.
 *
 * <p>Scalars and flat lists of scalars have fast paths ({@link #encodeFast}, {@link #decodeFast},
 * {@link FastJson}) for their common forms, which skip the generator and the parser since a store
 * encodes each field on its own: they give byte for byte the same text and the same values, and
 * leave everything else (escapes, whitespace, unusual number forms, every text that is refused) to
 * the Jackson path, so that errors are the same too.
 *
 * <p>Sealed: these are the codecs of {@link Codecs}. A codec from elsewhere implements {@link
 * ValueCodec} itself.
 */
abstract sealed class AbstractCodec<T> implements ValueCodec<T>
        permits BooleanCodec,
                IntegralCodec,
                FloatingPointCodec,
                TextualCodec,
                CollectionCodec,
                MapCodec,
                DatabindCodec {

    private final String typeName;
    private final boolean textual;
    private final boolean immutableValues;

    /**
     * @param typeName see {@link ValueCodec#typeName()}
     * @param textual see {@link ValueCodec#isTextual()}
     * @param immutableValues see {@link ValueCodec#producesImmutableValues()}
     */
    AbstractCodec(String typeName, boolean textual, boolean immutableValues) {
        this.typeName = typeName;
        this.textual = textual;
        this.immutableValues = immutableValues;
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final boolean isTextual() {
        return textual;
    }

    @Override
    public final boolean producesImmutableValues() {
        return immutableValues;
    }

    @Override
    public final String encode(T value) {
        Objects.requireNonNull(value, () -> "null is not stored as " + typeName + ": remove the key instead");
        String text = encodeFast(value);
        return text != null ? text : encodeWithJackson(value);
    }

    /**
     * The text of a value in its common forms, without a Jackson generator: byte for byte what
     * {@link #encodeWithJackson} writes, or {@code null} where this codec leaves the value to it
     * (anything unusual, and every value that makes it throw). Used at the top and inside lists.
     */
    String encodeFast(T value) {
        return null;
    }

    /**
     * The value of the JSON text spanning {@code [from, to)} of a stored text, in its common forms,
     * without a Jackson parser: exactly what {@link #decodeWithJackson} reads from that span alone,
     * or {@link #NOT_FAST} where this codec leaves the text to it (anything unusual, JSON {@code
     * null}, and every text that it refuses). Used at the top and inside arrays.
     */
    Object decodeFast(String json, int from, int to) {
        return NOT_FAST;
    }

    /**
     * Appends what {@link #encodeFast} answers, for lists of values; false (with {@code out} in any
     * state) where it answers {@code null}.
     */
    boolean appendFast(StringBuilder out, T value) {
        String text = encodeFast(value);
        if (text == null) {
            return false;
        }
        out.append(text);
        return true;
    }

    /**
     * Whether values are JSON scalars whose {@link #encodeFast} and {@link #decodeFast} read and
     * write them alone: what a list's fast path needs of its elements.
     */
    boolean isScalar() {
        return false;
    }

    /** What {@link #decodeFast} answers for a text it leaves to Jackson. */
    static final Object NOT_FAST = new Object();

    /** {@link #encode} through a Jackson generator: the reference for {@link #encodeFast}. */
    final String encodeWithJackson(T value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = SharedJson.FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            // Only a value Jackson cannot represent gets here (nothing is written to a real stream).
            throw new IllegalArgumentException("cannot store this value as " + typeName + ": " + e.getMessage(), e);
        }
        return Utf16.escapeLoneSurrogates(out.toString());
    }

    @Override
    @SuppressWarnings("unchecked") // decodeFast answers a T or NOT_FAST
    public final T decode(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("null")) {
            return null; // as the parser reads it: JSON null is "no value" for every type
        }
        Object value = decodeFast(text, 0, text.length());
        return value != NOT_FAST ? (T) value : decodeWithJackson(text);
    }

    /** {@link #decode} through a Jackson parser: the reference for {@link #decodeFast}. */
    final T decodeWithJackson(String text) {
        Objects.requireNonNull(text, "text");
        try (JsonParser parser = SharedJson.FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ValueDecodingException("expected " + typeName + " but the stored text is empty");
            }
            // JSON null is "no value" for every type, even where Jackson would invent one (Optional).
            T value = first == JsonToken.VALUE_NULL ? null : read(parser);
            JsonToken extra = parser.nextToken();
            if (extra != null) {
                throw new ValueDecodingException("expected one " + typeName
                        + " but the stored text goes on after it with " + DecodingErrors.describeCurrentToken(parser));
            }
            return value;
        } catch (ValueDecodingException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new ValueDecodingException(
                    "expected " + typeName + " but the stored text exceeds a parser limit: " + e.getOriginalMessage(),
                    e);
        } catch (JsonProcessingException e) {
            throw new ValueDecodingException(
                    "expected " + typeName + " but the stored text is not valid JSON: " + e.getOriginalMessage()
                            + locationOf(e),
                    e);
        } catch (IOException | RuntimeException e) {
            // Nothing else is expected from a String source; whatever it is, the caller gets one
            // exception type for "this stored text is unusable".
            throw new ValueDecodingException("expected " + typeName + " but could not read the stored text: " + e, e);
        }
    }

    /**
     * The value under the parser's current token is not a valid form of this type.
     *
     * @param expectedForm what would have been, for the message, such as "a JSON array"
     */
    final ValueDecodingException unexpected(JsonParser parser, String expectedForm) {
        return DecodingErrors.unexpected(parser, typeName, expectedForm);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (at character " + (e.getLocation().getCharOffset() + 1) + ")";
    }

    @Override
    public String toString() {
        return "ValueCodec<" + typeName + ">";
    }
}
