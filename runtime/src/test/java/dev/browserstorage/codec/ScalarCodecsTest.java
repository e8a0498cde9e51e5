package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScalarCodecsTest {

    /** Every scalar codec, in the order of their type names in {@link #describeThemselves()}. */
    static final List<ValueCodec<?>> SCALARS = List.of(
            Codecs.bool(),
            Codecs.byteValue(),
            Codecs.shortValue(),
            Codecs.integer(),
            Codecs.longValue(),
            Codecs.floatValue(),
            Codecs.doubleValue());

    static Stream<Arguments> storedForms() {
        return Stream.of(
                Arguments.of(Codecs.bool(), true, "true"),
                Arguments.of(Codecs.bool(), false, "false"),
                Arguments.of(Codecs.byteValue(), Byte.MIN_VALUE, "-128"),
                Arguments.of(Codecs.byteValue(), Byte.MAX_VALUE, "127"),
                Arguments.of(Codecs.shortValue(), Short.MIN_VALUE, "-32768"),
                Arguments.of(Codecs.shortValue(), Short.MAX_VALUE, "32767"),
                Arguments.of(Codecs.integer(), 14, "14"),
                Arguments.of(Codecs.integer(), 0, "0"),
                Arguments.of(Codecs.integer(), Integer.MIN_VALUE, "-2147483648"),
                Arguments.of(Codecs.integer(), Integer.MAX_VALUE, "2147483647"),
                Arguments.of(Codecs.longValue(), Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of(Codecs.longValue(), Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of(Codecs.floatValue(), 1.5f, "1.5"),
                Arguments.of(Codecs.floatValue(), 0.1f, "0.1"),
                Arguments.of(Codecs.floatValue(), Float.MAX_VALUE, "3.4028235E38"),
                Arguments.of(Codecs.floatValue(), Float.MIN_VALUE, "1.4E-45"),
                Arguments.of(Codecs.doubleValue(), 0.1, "0.1"),
                Arguments.of(Codecs.doubleValue(), -2.0, "-2.0"),
                Arguments.of(Codecs.doubleValue(), -0.0, "-0.0"),
                Arguments.of(Codecs.doubleValue(), 1.0e-7, "1.0E-7"),
                Arguments.of(Codecs.doubleValue(), Double.MAX_VALUE, "1.7976931348623157E308"));
    }

    @ParameterizedTest
    @MethodSource("storedForms")
    <T> void storesThePinnedTextAndReadsItBack(ValueCodec<T> codec, T value, String storedText) {
        assertThat(codec.encode(value)).isEqualTo(storedText);
        assertThat(codec.decode(storedText)).isEqualTo(value);
    }

    @Test
    void doubleKeepsTheSignOfZero() {
        assertThat(Double.compare(Codecs.doubleValue().decode("-0.0"), 0.0)).isNegative();
    }

    @ParameterizedTest
    @CsvSource({"14.0, 14", "1.4e1, 14", "1E2, 100", "-0, 0", "-2147483648.000, -2147483648"})
    void integerReadsAnyJsonNumberWithAWholeValue(String storedText, int expected) {
        assertThat(Codecs.integer().decode(storedText)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "14.5",
                "0.1",
                "2147483648",
                "-2147483649",
                "1e10",
                "1e999999999",
                "1e-999999999",
                "99999999999999999999999999",
                "\"14\"",
                "true",
                "[14]",
                "{\"v\":14}"
            })
    void integerRefusesWhatIsNotAWholeNumberInRange(String storedText) {
        assertThatThrownBy(() -> Codecs.integer().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Integer")
                .hasMessageContaining("a whole number from -2147483648 to 2147483647");
    }

    @Test
    void refusalNamesWhatWasFound() {
        assertThatThrownBy(() -> Codecs.integer().decode("\"abc\""))
                .hasMessage(
                        "expected Integer but found string \"abc\" (a whole number from -2147483648 to 2147483647)");
        assertThatThrownBy(() -> Codecs.integer().decode("1.5"))
                .hasMessage("expected Integer but found number 1.5 (a whole number from -2147483648 to 2147483647)");
    }

    @ParameterizedTest
    @CsvSource({"128", "-129", "1.5", "\"1\""})
    void byteRefusesOutOfRange(String storedText) {
        assertThatThrownBy(() -> Codecs.byteValue().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("expected Byte");
    }

    @ParameterizedTest
    @CsvSource({"32768", "-32769"})
    void shortRefusesOutOfRange(String storedText) {
        assertThatThrownBy(() -> Codecs.shortValue().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("expected Short");
    }

    @ParameterizedTest
    @CsvSource({"9223372036854775808", "-9223372036854775809", "9.3e18"})
    void longRefusesOutOfRange(String storedText) {
        assertThatThrownBy(() -> Codecs.longValue().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("expected Long");
    }

    @Test
    void floatingPointReadsIntegersToo() {
        assertThat(Codecs.doubleValue().decode("3")).isEqualTo(3.0);
        assertThat(Codecs.floatValue().decode("3")).isEqualTo(3.0f);
        assertThat(Codecs.floatValue().decode("0.1")).isEqualTo(0.1f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "\"1.5\"", "NaN", "Infinity", "\"NaN\"", "true"})
    void doubleRefusesWhatIsNotAFiniteNumber(String storedText) {
        assertThatThrownBy(() -> Codecs.doubleValue().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Double");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e39", "-1e39", "\"1.5\""})
    void floatRefusesWhatIsNotAFiniteFloat(String storedText) {
        assertThatThrownBy(() -> Codecs.floatValue().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Float");
    }

    @Test
    void eachFloatingPointWidthNamesItselfInItsMessages() {
        assertThatThrownBy(() -> Codecs.doubleValue().decode("1e400"))
                .hasMessage("expected Double but found number 1e400 (a finite number within the range of a double)");
        assertThatThrownBy(() -> Codecs.floatValue().decode("1e39"))
                .hasMessage("expected Float but found number 1e39 (a finite number within the range of a float)");
        assertThatThrownBy(() -> Codecs.floatValue().decode("true"))
                .hasMessage("expected Float but found true (a number)");
        assertThatThrownBy(() -> Codecs.doubleValue().encode(Double.NEGATIVE_INFINITY))
                .hasMessage("JSON cannot carry -Infinity; store a finite Double");
        assertThatThrownBy(() -> Codecs.floatValue().encode(Float.NaN))
                .hasMessage("JSON cannot carry NaN; store a finite Float");
    }

    @Test
    void floatIsReadFromTheDigitsNotRoundedTwiceThroughADouble() {
        // Just below the midpoint of 1 + 2^-23 and 1 + 2^-22: the nearest double is the midpoint
        // itself, which a cast to float then rounds (to even) up, away from the nearest float.
        String storedText = "1.000000178813934326171874999";
        assertThat((float) Double.parseDouble(storedText)).isEqualTo(1.0000002f);
        assertThat(Codecs.floatValue().decode(storedText)).isEqualTo(1.0000001f);
        assertThat(Codecs.list(Codecs.floatValue()).decode("[" + storedText + "]"))
                .containsExactly(1.0000001f);
    }

    @Test
    void nanAndInfinityAreNotStored() {
        for (double notFinite : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> Codecs.doubleValue().encode(notFinite))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JSON cannot carry");
            assertThatThrownBy(() -> Codecs.floatValue().encode((float) notFinite))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JSON cannot carry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "0", "\"\"", "[]"})
    void boolRefusesAnythingButTrueAndFalse(String storedText) {
        assertThatThrownBy(() -> Codecs.bool().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("expected Boolean")
                .hasMessageContaining("true or false");
    }

    @Test
    void describeThemselves() {
        assertThat(SCALARS)
                .extracting(ValueCodec::typeName)
                .containsExactly("Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double");
        assertThat(SCALARS).allSatisfy(codec -> {
            assertThat(codec.isTextual()).as(codec.typeName()).isFalse();
            assertThat(codec.producesImmutableValues()).as(codec.typeName()).isTrue();
        });
    }

    @Test
    void fixedTypeFactoriesReturnOneInstance() {
        assertThat(Codecs.bool()).isSameAs(Codecs.bool());
        assertThat(Codecs.integer()).isSameAs(Codecs.integer());
        assertThat(Codecs.longValue()).isSameAs(Codecs.longValue());
        assertThat(Codecs.doubleValue()).isSameAs(Codecs.doubleValue());
        assertThat(Codecs.string()).isSameAs(Codecs.string());
        assertThat(Codecs.instant()).isSameAs(Codecs.instant());
        assertThat(Codecs.bigDecimal()).isSameAs(Codecs.bigDecimal());
    }
}
