package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A finite JSON number read as the nearest {@code double}, exactly what JavaScript's {@code
 * JSON.parse} reads. JSON has no NaN or Infinity: they are refused when writing, and a number too
 * large for a double ({@code 1e400}) is refused when reading rather than turned into Infinity.
 */
final class DoubleCodec extends AbstractCodec<Double> {

    static final DoubleCodec INSTANCE = new DoubleCodec();

    private DoubleCodec() {
        super("Double");
    }

    @Override
    public void write(JsonGenerator generator, Double value) throws IOException {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON cannot carry " + value + "; store a finite Double");
        }
        generator.writeNumber(value.doubleValue());
    }

    @Override
    public Double read(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_NULL:
                return null;
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                double value = parser.getDoubleValue();
                if (!Double.isFinite(value)) {
                    throw DecodingErrors.unexpected(parser, typeName(), "a finite number within the range of a double");
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
