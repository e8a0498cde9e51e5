package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A finite JSON number read as the nearest {@code double} ({@link #DOUBLE}, exactly what JavaScript's
 * {@code JSON.parse} reads) or the nearest {@code float} ({@link #FLOAT}, read from the digits, not
 * rounded twice through a double). JSON has no NaN or Infinity: they are refused when writing, and a
 * number too large for the width ({@code 1e400} for a double, {@code 1e39} for a float) is refused
 * when reading rather than turned into Infinity.
 *
 * <p>One class for both widths: they differ only in which Jackson method reads and writes the
 * number, a branch on a final field.
 */
final class FloatingPointCodec<T extends Number> extends AbstractCodec<T> {

    static final FloatingPointCodec<Double> DOUBLE = new FloatingPointCodec<>("Double", "double", false);
    static final FloatingPointCodec<Float> FLOAT = new FloatingPointCodec<>("Float", "float", true);

    private final boolean singlePrecision;
    private final String finiteForm;

    private FloatingPointCodec(String typeName, String primitiveName, boolean singlePrecision) {
        super(typeName, false, true);
        this.singlePrecision = singlePrecision;
        this.finiteForm = "a finite number within the range of a " + primitiveName;
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        // A float's NaN and infinities stay what they are when widened to a double.
        if (!Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException("JSON cannot carry " + value + "; store a finite " + typeName());
        }
        if (singlePrecision) {
            generator.writeNumber(value.floatValue()); // Float.toString's digits
        } else {
            generator.writeNumber(value.doubleValue());
        }
    }

    @Override
    final boolean isScalar() {
        return true;
    }

    @Override
    String encodeFast(T value) {
        if (!Double.isFinite(value.doubleValue())) {
            return null; // refused by write()
        }
        // JsonGenerator.writeNumber's digits: Float.toString, Double.toString.
        return singlePrecision ? Float.toString(value.floatValue()) : Double.toString(value.doubleValue());
    }

    @Override
    Object decodeFast(String json, int from, int to) {
        double value;
        switch (FastJson.numberForm(json, from, to)) {
            // Jackson reads an integer token as a long and converts it: -0 reads as 0.0, not -0.0.
            case FastJson.INTEGER -> {
                long whole = FastJson.parseInteger(json, from, to);
                value = singlePrecision ? (float) whole : (double) whole;
            }
            case FastJson.FRACTION_OR_EXPONENT -> {
                String number = from == 0 && to == json.length() ? json : json.substring(from, to);
                value = singlePrecision ? Float.parseFloat(number) : Double.parseDouble(number);
            }
            default -> {
                return NOT_FAST;
            }
        }
        if (!Double.isFinite(value)) {
            return NOT_FAST; // out of range: refused by read()
        }
        return box(value);
    }

    @Override
    public T read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            // A float widens to a double exactly, so one check and one narrowing serve both widths.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                finite(parser, singlePrecision ? parser.getFloatValue() : parser.getDoubleValue());
            default -> throw unexpected(parser, "a number");
        };
    }

    private T finite(JsonParser parser, double value) {
        if (!Double.isFinite(value)) {
            throw unexpected(parser, finiteForm);
        }
        return box(value);
    }

    @SuppressWarnings("unchecked") // T is Float exactly when singlePrecision, else Double
    private T box(double value) {
        // Not a conditional expression: (cond ? float : double) would widen the Float to a Double.
        Number boxed;
        if (singlePrecision) {
            boxed = (float) value;
        } else {
            boxed = value;
        }
        return (T) boxed;
    }
}
