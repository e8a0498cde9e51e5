package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The stored form of a value that has a lifetime ({@code @Ttl}): the value's JSON inside an envelope
 * that carries its expiry, so every reader (server or browser, any tab) drops it at the same instant.
 *
 * <pre>{"expires":1767225600000,"value":"dark"}</pre>
 *
 * <p>{@code expires} is epoch milliseconds (what JavaScript's {@code Date.now()} returns). The
 * envelope is written and read with the same Jackson factory, limits and escaping as every codec.
 *
 * @param value the value
 * @param expiresAtMillis the expiry, in epoch milliseconds
 * @param <T> the value's type
 */
public record Expiring<T>(T value, long expiresAtMillis) {
    static final String EXPIRES = "expires";
    static final String VALUE = "value";

    /**
     * Whether the value has expired.
     *
     * @param nowMillis the current time in epoch milliseconds
     * @return true at and after the expiry
     */
    public boolean isExpiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /**
     * The stored text of a value with an expiry.
     *
     * @param codec the value's codec
     * @param value the value
     * @param expiresAtMillis the expiry, in epoch milliseconds
     * @param <T> the value's type
     * @return the envelope's JSON
     */
    public static <T> String encode(ValueCodec<T> codec, T value, long expiresAtMillis) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = SharedJson.FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField(EXPIRES, expiresAtMillis);
            generator.writeFieldName(VALUE);
            codec.write(generator, value);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Utf16.escapeLoneSurrogates(out.toString());
    }

    /**
     * Reads an envelope.
     *
     * @param codec the value's codec
     * @param text the stored text
     * @param <T> the value's type
     * @return the value and its expiry
     * @throws ValueDecodingException if the text is not an envelope holding a value of the type
     */
    public static <T> Expiring<T> decode(ValueCodec<T> codec, String text) {
        try (JsonParser parser = SharedJson.FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ValueDecodingException(
                        "Expected an object {\"expires\":...,\"value\":...}, found " + abbreviate(text));
            }
            Long expires = null;
            T value = null;
            boolean hasValue = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (EXPIRES.equals(field) && token == JsonToken.VALUE_NUMBER_INT) {
                    expires = parser.getLongValue();
                } else if (VALUE.equals(field)) {
                    value = codec.read(parser);
                    hasValue = true;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new ValueDecodingException("Malformed expiry envelope: " + abbreviate(text));
            }
            if (expires == null || !hasValue) {
                throw new ValueDecodingException(
                        "Expiry envelope without an integer 'expires' and a 'value': " + abbreviate(text));
            }
            return new Expiring<>(value, expires);
        } catch (ValueDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ValueDecodingException(
                    "Malformed expiry envelope for " + codec.typeName() + ": " + abbreviate(text), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
