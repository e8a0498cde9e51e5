package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A finite JSON number read as the nearest {@code float}. JSON has no NaN or Infinity: they are
 * refused when writing, and a number too large for a float ({@code 1e39}) is refused when reading
 * rather than turned into Infinity.
 */
final class FloatCodec extends AbstractCodec<Float> {

    static final FloatCodec INSTANCE = new FloatCodec();

    private FloatCodec() {
        super("Float");
    }

    @Override
    public void write(JsonGenerator generator, Float value) throws IOException {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("JSON cannot carry " + value + "; store a finite Float");
        }
        generator.writeNumber(value.floatValue());
    }

    @Override
    public Float read(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                float value = parser.getFloatValue();
                if (!Float.isFinite(value)) {
                    throw DecodingErrors.unexpected(parser, typeName(), "a finite number within the range of a float");
                }
                return value;
            default:
                throw DecodingErrors.unexpected(parser, typeName(), "a number");
        }
    }

    @Override
    public boolean isTextual() {
        return false;
    }

    @Override
    public boolean producesImmutableValues() {
        return true;
    }
}
