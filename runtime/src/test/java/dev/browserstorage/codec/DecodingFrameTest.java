package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every codec's {@code decode} and {@code encode} share, whatever the type. */
class DecodingFrameTest {

    record Address(String street, int number) {}

    static List<ValueCodec<?>> everyCodec() {
        List<ValueCodec<?>> every = new ArrayList<>(ScalarCodecsTest.SCALARS);
        every.addAll(TextualCodecsTest.TEXTUALS);
        every.addAll(List.of(
                Codecs.list(Codecs.string()),
                Codecs.set(Codecs.integer()),
                Codecs.map(Codecs.list(Codecs.instant())),
                Codecs.json(Address.class),
                Codecs.json(Map.class),
                Codecs.json(Object.class),
                Codecs.cookieForm(Codecs.string()),
                Codecs.cookieForm(Codecs.list(Codecs.integer()))));
        return every;
    }

    /** Tampered, truncated, oversized and simply odd stored texts. */
    static List<String> hostileTexts() {
        return List.of(
                "",
                " ",
                "\t\n",
                "nul",
                "NULL",
                "undefined",
                "NaN",
                "-Infinity",
                "{",
                "}",
                "[",
                "]",
                "[,]",
                "\"",
                "\"unterminated",
                "'single'",
                "01",
                "-",
                "1.",
                ".5",
                "1e",
                "0x10",
                "+1",
                "1 2",
                "\"a\" \"b\"",
                "{\"a\":1}x",
                "[1]]",
                "// comment\n1",
                "/* c */ 1",
                "\"\\x41\"",
                "\"\\u12\"",
                "\"tab\there\"",
                "\uFEFF1",
                "\u00001",
                "1\u0000",
                "[1,]",
                "{\"a\" 1}",
                "{\"a\":}",
                "{1:2}",
                "true false",
                "9".repeat(2000),
                "1e99999999999",
                "-0.0e-999999",
                "\"" + "x".repeat(100_000) + "\"",
                "[".repeat(5000),
                "{\"a\":".repeat(5000),
                "[\"\uD800\"]",
                "%",
                "%ZZ",
                "%C3%28",
                "%F0%9F%98");
    }

    static Stream<Arguments> everyCodecWithEveryHostileText() {
        return everyCodec().stream().flatMap(codec -> hostileTexts().stream().map(text -> Arguments.of(codec, text)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCodecWithEveryHostileText")
    void decodeThrowsNothingButValueDecodingException(ValueCodec<?> codec, String text) {
        Throwable thrown = catchThrowable(() -> codec.decode(text));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(ValueDecodingException.class);
            // The type expected where it went wrong: the codec's own, or an element's at a place.
            assertThat(thrown.getMessage()).startsWith("expected ");
            assertThat(thrown.getMessage().contains(codec.typeName())
                            || thrown.getMessage().contains(" at /"))
                    .as(thrown.getMessage())
                    .isTrue();
        }
    }

    static Stream<Arguments> everyJsonCodec() {
        return everyCodec().stream()
                .filter(codec -> !(codec instanceof CookieFormCodec))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyJsonCodec")
    void jsonNullIsNoValue(ValueCodec<?> codec) {
        assertThat(codec.decode("null")).isNull();
        assertThat(codec.decode(" \n null \t")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyJsonCodec")
    void emptyTextIsRefused(ValueCodec<?> codec) {
        assertThatThrownBy(() -> codec.decode("  "))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage("expected " + codec.typeName() + " but the stored text is empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyJsonCodec")
    void encodingNullIsRefused(ValueCodec<Object> codec) {
        assertThatThrownBy(() -> codec.encode(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("remove the key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"14 15", "14 \"x\"", "14 null", "14 []", "[14] [15]"})
    void moreThanOneValueIsRefused(String storedText) {
        ValueCodec<?> codec = storedText.startsWith("[") ? Codecs.list(Codecs.integer()) : Codecs.integer();
        assertThatThrownBy(() -> codec.decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("goes on after it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"14x", "14]", "14}", "14,", "\"light\"garbage", "{\"k\":1}}"})
    void trailingGarbageIsRefused(String storedText) {
        ValueCodec<?> codec = storedText.startsWith("{")
                ? Codecs.map(Codecs.integer())
                : storedText.startsWith("\"") ? Codecs.string() : Codecs.integer();
        assertThatThrownBy(() -> codec.decode(storedText)).isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void invalidJsonIsReportedWithTheExpectedTypeAndTheParserError() {
        assertThatThrownBy(() -> Codecs.list(Codecs.string()).decode("[\"a\",]"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected List<String> but the stored text is not valid JSON: ")
                .hasMessageContaining("at character 6")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void surroundingWhitespaceIsAllowed() {
        assertThat(Codecs.integer().decode(" \r\n\t14 \n")).isEqualTo(14);
    }

    @Test
    void deepNestingExceedsTheParserLimitAtExactlyOneThousandAndOne() {
        ValueCodec<Object> anything = Codecs.json(Object.class);
        assertThat(anything.decode("[".repeat(1000) + "]".repeat(1000))).isInstanceOf(List.class);
        assertThatThrownBy(() -> anything.decode("[".repeat(1001) + "]".repeat(1001)))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("(1001) exceeds the maximum allowed (1000");
    }
}
