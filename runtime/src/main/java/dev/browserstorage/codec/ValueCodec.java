package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Turns values of one Java type into the text a browser stores, and back.
 *
 * <p>The stored form is JSON ({@link Codecs} makes codecs for every supported type); a cookie's form is
 * derived from it by {@link Codecs#cookieForm(ValueCodec)}. Implementations are immutable and thread
 * safe. {@code null} is never passed to {@link #encode} or {@link #write}: an absent value is removed,
 * not stored.
 *
 * @param <T> the Java type
 */
public interface ValueCodec<T> {

    /**
     * The stored text of a value.
     *
     * @param value the value, never {@code null}
     * @return its text
     */
    String encode(T value);

    /**
     * The value of a stored text.
     *
     * @param text the stored text
     * @return the value; {@code null} where the text is JSON {@code null}
     * @throws ValueDecodingException if the text is not a valid form of this type (edited by hand,
     *     written by an older version, tampered with)
     */
    T decode(String text);

    /**
     * Writes a value as one JSON value, for codecs that nest this one (lists, maps).
     *
     * @param generator where to write
     * @param value the value, never {@code null}
     * @throws IOException from the generator
     */
    void write(JsonGenerator generator, T value) throws IOException;

    /**
     * Reads one JSON value, the parser being on its first token, and leaves the parser on its last
     * token.
     *
     * @param parser where to read
     * @return the value; {@code null} for JSON {@code null}
     * @throws IOException from the parser, or a {@link ValueDecodingException} for a wrong shape
     */
    T read(JsonParser parser) throws IOException;

    /**
     * Whether the JSON form is always a JSON string. A cookie then carries the bare text, which a
     * plain HTTP server reads as it is.
     *
     * @return true for strings, enums, UUIDs, dates and the like
     */
    boolean isTextual();

    /**
     * Whether decoded values are immutable, so that one decoded value may be cached and handed to
     * every reader.
     *
     * @return true if values can be shared safely
     */
    boolean producesImmutableValues();

    /**
     * A short description of the type for messages and schemas, such as {@code String} or {@code
     * List<Integer>}.
     *
     * @return the description
     */
    String typeName();
}
