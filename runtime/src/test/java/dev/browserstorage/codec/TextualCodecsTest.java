package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextualCodecsTest {

    enum Theme {
        LIGHT,
        DARK
    }

    /** Every textual codec, in the order of their type names in {@link #describeThemselves()}. */
    static final List<ValueCodec<?>> TEXTUALS = List.of(
            Codecs.string(),
            Codecs.character(),
            Codecs.enumOf(Theme.class),
            Codecs.bigDecimal(),
            Codecs.uuid(),
            Codecs.instant(),
            Codecs.localDate(),
            Codecs.localDateTime(),
            Codecs.duration());

    enum Many {
        A,
        B,
        C,
        D,
        E,
        F,
        G,
        H,
        I,
        J,
        K,
        L,
        M,
        N,
        O
    }

    static Stream<Arguments> storedForms() {
        return Stream.of(
                Arguments.of(Codecs.string(), "light", "\"light\""),
                Arguments.of(Codecs.string(), "", "\"\""),
                Arguments.of(
                        Codecs.string(),
                        "quote \" backslash \\ newline \n tab \t",
                        "\"quote \\\" backslash \\\\ newline \\n tab \\t\""),
                Arguments.of(Codecs.string(), "\u0000\u001f", "\"\\u0000\\u001F\""),
                Arguments.of(Codecs.string(), "grüße, 東京 😀", "\"grüße, 東京 😀\""),
                Arguments.of(Codecs.string(), "</script>", "\"</script>\""),
                Arguments.of(Codecs.character(), 'x', "\"x\""),
                Arguments.of(Codecs.character(), 'é', "\"é\""),
                Arguments.of(Codecs.enumOf(Theme.class), Theme.DARK, "\"DARK\""),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("12.50"), "\"12.50\""),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("-12.50"), "\"-12.50\""),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("0.0000001"), "\"0.0000001\""),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("1.2E+3"), "\"1.2E+3\""),
                Arguments.of(
                        Codecs.bigDecimal(),
                        new BigDecimal("123456789012345678901234567890.123456789"),
                        "\"123456789012345678901234567890.123456789\""),
                Arguments.of(
                        Codecs.uuid(),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        "\"123e4567-e89b-12d3-a456-426614174000\""),
                Arguments.of(Codecs.instant(), Instant.parse("2011-12-03T10:15:30Z"), "\"2011-12-03T10:15:30Z\""),
                Arguments.of(
                        Codecs.instant(),
                        Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
                        "\"2023-11-14T22:13:20.123456789Z\""),
                Arguments.of(Codecs.instant(), Instant.ofEpochSecond(0, 1_000_000), "\"1970-01-01T00:00:00.001Z\""),
                Arguments.of(Codecs.localDate(), LocalDate.of(2011, 12, 3), "\"2011-12-03\""),
                Arguments.of(Codecs.localDateTime(), LocalDateTime.of(2011, 12, 3, 10, 15), "\"2011-12-03T10:15:00\""),
                Arguments.of(
                        Codecs.localDateTime(),
                        LocalDateTime.of(2011, 12, 3, 10, 15, 30, 500_000_000),
                        "\"2011-12-03T10:15:30.5\""),
                Arguments.of(Codecs.duration(), Duration.ofMinutes(90), "\"PT1H30M\""),
                Arguments.of(Codecs.duration(), Duration.ofMillis(-500), "\"PT-0.5S\""),
                Arguments.of(Codecs.duration(), Duration.ZERO, "\"PT0S\""));
    }

    @ParameterizedTest
    @MethodSource("storedForms")
    <T> void storesThePinnedTextAndReadsItBack(ValueCodec<T> codec, T value, String storedText) {
        assertThat(codec.encode(value)).isEqualTo(storedText);
        assertThat(codec.decode(storedText)).isEqualTo(value);
    }

    @Test
    void bigDecimalKeepsTheScale() {
        for (String text : new String[] {"12.50", "12.5", "-0.000", "1E+3", "1E-7", "0", "-7.25"}) {
            BigDecimal value = new BigDecimal(text);
            BigDecimal read = Codecs.bigDecimal().decode(Codecs.bigDecimal().encode(value));
            assertThat(read).as(text).isEqualTo(value);
            assertThat(read.scale()).as(text).isEqualTo(value.scale());
        }
    }

    @Test
    void bigDecimalReadsAJsonNumberAsWritten() {
        assertThat(Codecs.bigDecimal().decode("12.50")).isEqualTo(new BigDecimal("12.50"));
        assertThat(Codecs.bigDecimal().decode("7")).isEqualTo(new BigDecimal("7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"12,50\"", "\"\"", "\"abc\"", "\"1e-999999999\"", "1e-5000", "\"1e5000\"", "true", "[1]"})
    void bigDecimalRefusesBadTextAndHugeScales(String storedText) {
        assertThatThrownBy(() -> Codecs.bigDecimal().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected BigDecimal");
    }

    @Test
    void bigDecimalWithAHugeScaleIsNotStored() {
        assertThatThrownBy(() -> Codecs.bigDecimal().encode(new BigDecimal("1e-1001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Codecs.bigDecimal().encode(new BigDecimal("1e-1000"))).startsWith("\"0.000");
    }

    @Test
    void bigDecimalRefusesAnOverlongText() {
        String digits = "1".repeat(1001);
        assertThatThrownBy(() -> Codecs.bigDecimal().decode('"' + digits + '"'))
                .isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void stringRefusesOtherJsonTypes() {
        for (String text : new String[] {"14", "true", "[\"a\"]", "{}"}) {
            assertThatThrownBy(() -> Codecs.string().decode(text))
                    .as(text)
                    .isInstanceOf(ValueDecodingException.class)
                    .hasMessageStartingWith("expected String but found");
        }
    }

    @Test
    void stringReadsEscapesAsJavaScriptWritesThem() {
        assertThat(Codecs.string().decode("\"\\u00e9\\ud83d\\ude00\\/\"")).isEqualTo("é😀/");
    }

    /**
     * A lone surrogate (half of an emoji, cut by substring) is legal in Java and JavaScript strings
     * but not in UTF-8. It is stored as a \\u escape, as JSON.stringify writes it, and reads back.
     */
    @Test
    void loneSurrogatesAreStoredEscapedAndReadBack() {
        String value = "cut \uD83D| and \uDE00| but whole \uD83D\uDE00";
        String stored = Codecs.string().encode(value);
        assertThat(stored).isEqualTo("\"cut \\ud83d| and \\ude00| but whole \uD83D\uDE00\"");
        assertThat(Utf16.firstLoneSurrogate(stored)).isEqualTo(-1);
        assertThat(Codecs.string().decode(stored)).isEqualTo(value);
        assertThat(Codecs.character().encode('\uD800')).isEqualTo("\"\\ud800\"");
        assertThat(Codecs.character().decode("\"\\ud800\"")).isEqualTo('\uD800');
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"ab\"", "\"😀\"", "65"})
    void characterRefusesAnythingButOneUtf16Unit(String storedText) {
        assertThatThrownBy(() -> Codecs.character().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Character");
    }

    @Test
    void unknownEnumNameListsTheKnownOnes() {
        assertThatThrownBy(() -> Codecs.enumOf(Theme.class).decode("\"dark\""))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage("expected Theme but found string \"dark\" (one of LIGHT, DARK)");
    }

    @Test
    void longListsOfEnumNamesAreCut() {
        assertThatThrownBy(() -> Codecs.enumOf(Many.class).decode("\"Z\""))
                .hasMessageEndingWith("(one of A, B, C, D, E, F, G, H, I, J, K, L and 3 more)");
    }

    @Test
    void enumIsNotReadFromItsOrdinal() {
        assertThatThrownBy(() -> Codecs.enumOf(Theme.class).decode("1")).isInstanceOf(ValueDecodingException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"1-2-3-4-5\"",
                "\"123e4567e89b12d3a456426614174000\"",
                "\"123e4567-e89b-12d3-a456-42661417400g\"",
                "\"123e4567-e89b-12d3-a456-4266141740000\"",
                "\"{123e4567-e89b-12d3-a456-426614174000}\""
            })
    void uuidRefusesNonCanonicalText(String storedText) {
        assertThatThrownBy(() -> Codecs.uuid().decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected UUID");
    }

    @Test
    void uuidReadsUpperCase() {
        assertThat(Codecs.uuid().decode("\"123E4567-E89B-12D3-A456-426614174000\""))
                .isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    }

    @Test
    void readsWhatJavaScriptDatesWrite() {
        // new Date(0).toISOString()
        assertThat(Codecs.instant().decode("\"1970-01-01T00:00:00.000Z\"")).isEqualTo(Instant.EPOCH);
        // <input type="datetime-local"> gives minutes only
        assertThat(Codecs.localDateTime().decode("\"2011-12-03T10:15\""))
                .isEqualTo(LocalDateTime.of(2011, 12, 3, 10, 15));
    }

    static Stream<Arguments> badDates() {
        return Stream.of(
                Arguments.of(Codecs.instant(), "\"2011-13-03T10:15:30Z\""),
                Arguments.of(Codecs.instant(), "\"2011-12-03 10:15:30\""),
                Arguments.of(Codecs.instant(), "\"2011-12-03T10:15:30\""),
                Arguments.of(Codecs.instant(), "1322907330"),
                Arguments.of(Codecs.localDate(), "\"2011-02-30\""),
                Arguments.of(Codecs.localDate(), "\"03.12.2011\""),
                Arguments.of(Codecs.localDateTime(), "\"2011-12-03\""),
                Arguments.of(Codecs.localDateTime(), "\"2011-12-03T25:00\""),
                Arguments.of(Codecs.duration(), "\"1h\""),
                Arguments.of(Codecs.duration(), "\"PT\""));
    }

    @ParameterizedTest
    @MethodSource("badDates")
    void badDateTextIsRefused(ValueCodec<?> codec, String storedText) {
        assertThatThrownBy(() -> codec.decode(storedText))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected " + codec.typeName())
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void longTextsAreCutInMessages() {
        String longText = "x".repeat(5000);
        assertThatThrownBy(() -> Codecs.uuid().decode('"' + longText + '"'))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("(5000 chars in all)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void describeThemselves() {
        assertThat(TEXTUALS)
                .allSatisfy(codec -> {
                    assertThat(codec.isTextual()).as(codec.typeName()).isTrue();
                    assertThat(codec.producesImmutableValues())
                            .as(codec.typeName())
                            .isTrue();
                })
                .extracting(ValueCodec::typeName)
                .containsExactly(
                        "String",
                        "Character",
                        "Theme",
                        "BigDecimal",
                        "UUID",
                        "Instant",
                        "LocalDate",
                        "LocalDateTime",
                        "Duration");
    }
}
