package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The text of a {@link BigDecimal}, shared by {@link Codecs#bigDecimal()} and by BigDecimal fields
 * inside {@link Codecs#json} values, so that both store the same text.
 *
 * <p>A JSON string rather than a JSON number, because JavaScript would round a number to a double.
 * The text keeps the scale, so that {@code decode(encode(x)).equals(x)}: plain notation when the
 * scale is not negative ({@code "12.50"}, {@code "0.0000001"}), else {@link BigDecimal#toString()}'s
 * exponent notation ({@code "1.2E+3"}), which is the only text that keeps a negative scale.
 *
 * <p>The scale is limited to ±{@value #MAX_SCALE}, both ways: a hostile {@code "1e-999999999"}
 * would parse cheaply but make {@code setScale} or {@code toPlainString} in application code run for
 * minutes or run out of memory.
 */
final class DecimalText {

    static final int MAX_SCALE = 1000;
    static final String EXPECTED_FORM =
            "a decimal number such as \"12.50\" with a scale from -" + MAX_SCALE + " to " + MAX_SCALE;

    private DecimalText() {}

    static String toText(BigDecimal value) {
        checkScale(value);
        return value.scale() >= 0 ? value.toPlainString() : value.toString();
    }

    /** Parses a text; throws an unchecked exception for an invalid or out-of-limits one. */
    static BigDecimal fromText(String text) {
        if (text.length() > SharedJson.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("longer than " + SharedJson.MAX_NUMBER_LENGTH + " chars");
        }
        return checkScale(new BigDecimal(text));
    }

    static BigDecimal checkScale(BigDecimal value) {
        if (value.scale() > MAX_SCALE || value.scale() < -MAX_SCALE) {
            throw new IllegalArgumentException(
                    "a BigDecimal's scale must be from -" + MAX_SCALE + " to " + MAX_SCALE + ", not " + value.scale());
        }
        return value;
    }

    /** Jackson (de)serializers with the same text and limits, for values inside {@code json()}. */
    static Module jacksonModule() {
        return new SimpleModule("browser-storage-decimals")
                .addSerializer(BigDecimal.class, new Serializer())
                .addDeserializer(BigDecimal.class, new Deserializer());
    }

    private static final class Serializer extends StdScalarSerializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        Serializer() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(toText(value));
        }
    }

    private static final class Deserializer extends StdScalarDeserializer<BigDecimal> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                try {
                    return fromText(text);
                } catch (RuntimeException e) {
                    throw context.weirdStringException(
                            DecodingErrors.truncate(text, 60), BigDecimal.class, EXPECTED_FORM);
                }
            }
            if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = parser.getDecimalValue();
                try {
                    return checkScale(value);
                } catch (IllegalArgumentException e) {
                    throw context.weirdNumberException(value, BigDecimal.class, EXPECTED_FORM);
                }
            }
            return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
        }
    }
}
