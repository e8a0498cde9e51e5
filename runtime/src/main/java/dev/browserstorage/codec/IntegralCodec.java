package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.function.LongFunction;

/**
 * A JSON number with a whole value within the range of a Java integral type. A number written with a
 * fraction or an exponent is accepted when its value is whole ({@code 14.0}, {@code 1e2}): JSON and
 * JavaScript do not tell integers apart from other numbers, and other JSON writers (Python's
 * {@code json.dumps(14.0)}) produce that form. A fraction, a value out of range or any non-number is
 * refused, never rounded or clamped.
 */
final class IntegralCodec<T extends Number> extends AbstractCodec<T> {

    static final IntegralCodec<Byte> BYTE =
            new IntegralCodec<>("Byte", Byte.MIN_VALUE, Byte.MAX_VALUE, value -> (byte) value);
    static final IntegralCodec<Short> SHORT =
            new IntegralCodec<>("Short", Short.MIN_VALUE, Short.MAX_VALUE, value -> (short) value);
    static final IntegralCodec<Integer> INTEGER =
            new IntegralCodec<>("Integer", Integer.MIN_VALUE, Integer.MAX_VALUE, value -> (int) value);
    static final IntegralCodec<Long> LONG = new IntegralCodec<>("Long", Long.MIN_VALUE, Long.MAX_VALUE, value -> value);

    private final long min;
    private final long max;
    private final LongFunction<T> box;
    private final String expectedForm;

    private IntegralCodec(String typeName, long min, long max, LongFunction<T> box) {
        super(typeName, false, true);
        this.min = min;
        this.max = max;
        this.box = box;
        this.expectedForm = "a whole number from " + min + " to " + max;
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        generator.writeNumber(value.longValue());
    }

    @Override
    final boolean isScalar() {
        return true;
    }

    @Override
    String encodeFast(T value) {
        return Long.toString(value.longValue()); // JsonGenerator.writeNumber(long)'s digits
    }

    @Override
    Object decodeFast(String json, int from, int to) {
        if (FastJson.numberForm(json, from, to) != FastJson.INTEGER) {
            return NOT_FAST; // 14.0, 1e2, out of range or not a number: Jackson reads or refuses it
        }
        long value = FastJson.parseInteger(json, from, to);
        return value < min || value > max ? NOT_FAST : box.apply(value);
    }

    @Override
    public T read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw unexpected(parser, expectedForm);
                }
                yield inRange(parser, parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> inRange(parser, wholeValue(parser));
            default -> throw unexpected(parser, expectedForm);
        };
    }

    private long wholeValue(JsonParser parser) throws IOException {
        BigDecimal number = parser.getDecimalValue();
        try {
            // Fails fast, without expanding it, on a huge exponent such as 1e999999999.
            return number.longValueExact();
        } catch (ArithmeticException notWholeOrTooLarge) {
            throw unexpected(parser, expectedForm);
        }
    }

    private T inRange(JsonParser parser, long value) {
        if (value < min || value > max) {
            throw unexpected(parser, expectedForm);
        }
        return box.apply(value);
    }
}
