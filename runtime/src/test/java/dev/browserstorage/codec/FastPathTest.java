package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The codecs' fast paths (scalars and flat lists written and read without Jackson) against the
 * Jackson path they stand in for: for every value, the same text byte for byte; for every text,
 * the same value (same class, same bits) or the same exception with the same message. Edge values
 * first, then seeded random ones (the seed is in the failure message).
 */
class FastPathTest {

    enum Mood {
        HAPPY,
        SAD,
        É_ACCENT
    }

    private static final long SEED = 20261206L;

    /** Characters that make JSON interesting, with plain ones. */
    private static final String TRICKY_CHARS =
            "a\"\\/\u0000\u0001\u001f\u007f\u2028\u2029é€\ud83d\ude00\ud800\udc00 \t\n\r\b\f";

    /** What a decoder may meet: pieces of every JSON form and of broken ones. */
    private static final String[] DECODE_PIECES = {
        "0",
        "1",
        "9",
        "-",
        "+",
        ".",
        "e",
        "E",
        "1e",
        "00",
        "12",
        "9223372036854775807",
        "99999999999999999999",
        " ",
        "\t",
        "\n",
        "\"",
        "\\",
        "\\\"",
        "\\u0041",
        "\\ud800",
        "a",
        "é",
        "\ud800",
        "\udc00",
        "\ud83d\ude00",
        "\u2028",
        "\u0001",
        "true",
        "false",
        "null",
        "nul",
        "[",
        "]",
        ",",
        "{",
        "}",
        ":",
        "NaN",
        "Infinity",
        "1e400",
        "1e-400",
        "HAPPY",
        "SAD",
        "x"
    };

    private static final List<AbstractCodec<?>> CODECS = List.of(
            BooleanCodec.INSTANCE,
            IntegralCodec.BYTE,
            IntegralCodec.SHORT,
            IntegralCodec.INTEGER,
            IntegralCodec.LONG,
            FloatingPointCodec.FLOAT,
            FloatingPointCodec.DOUBLE,
            TextualCodecs.STRING,
            TextualCodecs.CHARACTER,
            TextualCodecs.UUID,
            TextualCodecs.enumOf(Mood.class),
            BigDecimalCodec.INSTANCE,
            (AbstractCodec<?>) Codecs.list(Codecs.string()),
            (AbstractCodec<?>) Codecs.list(Codecs.integer()),
            (AbstractCodec<?>) Codecs.list(Codecs.doubleValue()),
            (AbstractCodec<?>) Codecs.list(Codecs.bool()),
            (AbstractCodec<?>) Codecs.list(Codecs.enumOf(Mood.class)),
            (AbstractCodec<?>) Codecs.set(Codecs.string()),
            (AbstractCodec<?>) Codecs.set(Codecs.longValue()),
            (AbstractCodec<?>) Codecs.list(Codecs.list(Codecs.integer())));

    // ---------------------------------------------------------------- encoding

    @Test
    void integralsAreWrittenAsJacksonWritesThem() {
        Random random = new Random(SEED);
        List<Long> values = new ArrayList<>(List.of(
                0L,
                1L,
                -1L,
                9L,
                10L,
                -10L,
                (long) Integer.MAX_VALUE,
                (long) Integer.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE,
                (1L << 53) + 1,
                -(1L << 53) - 1));
        for (int i = 0; i < 2000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long value : values) {
            sameText(IntegralCodec.LONG, value);
            sameText(IntegralCodec.INTEGER, (int) value);
            sameText(IntegralCodec.SHORT, (short) value);
            sameText(IntegralCodec.BYTE, (byte) value);
        }
    }

    @Test
    void floatingPointNumbersAreWrittenAsJacksonWritesThemAndNaNIsRefusedTheSameWay() {
        Random random = new Random(SEED);
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                1.0,
                -1.0,
                0.1,
                1.25,
                1e-7,
                1e-3,
                1e7,
                1e21,
                1e22,
                123456789.0,
                Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                (double) Float.MAX_VALUE,
                (double) Float.MIN_VALUE,
                1e39,
                1e-46));
        for (int i = 0; i < 3000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        }
        for (double value : values) {
            sameText(FloatingPointCodec.DOUBLE, value);
            sameText(FloatingPointCodec.FLOAT, (float) value);
        }
    }

    @Test
    void booleansAreWrittenAsJacksonWritesThem() {
        sameText(BooleanCodec.INSTANCE, true);
        sameText(BooleanCodec.INSTANCE, false);
    }

    @Test
    void stringsAreWrittenAsJacksonWritesThemWithLoneSurrogatesEscaped() {
        List<String> values =
                new ArrayList<>(List.of("", "a", "fr-CA", "America/Montreal", "\"", "\\", "/", "</script>"));
        for (char c = 0; c < 0x100; c++) {
            values.add(String.valueOf(c));
            values.add("x" + c + "y");
        }
        for (char c : TRICKY_CHARS.toCharArray()) {
            values.add(String.valueOf(c));
        }
        values.addAll(List.of("\ud83d\ude00", "a\ud83d", "\ude00a", "\ude00\ud83d", "\ud83d\ud83d\ude00", "x\ud800"));
        Random random = new Random(SEED);
        for (int i = 0; i < 5000; i++) {
            values.add(randomText(random, TRICKY_CHARS, 8));
        }
        for (String value : values) {
            sameText(TextualCodecs.STRING, value);
            if (value.length() == 1) {
                sameText(TextualCodecs.CHARACTER, value.charAt(0));
            }
        }
        for (Mood mood : Mood.values()) {
            sameText(TextualCodecs.enumOf(Mood.class), mood);
        }
        sameText(TextualCodecs.UUID, new UUID(random.nextLong(), random.nextLong()));
        sameText(BigDecimalCodec.INSTANCE, new BigDecimal("12.50"));
        sameText(BigDecimalCodec.INSTANCE, new BigDecimal("1.2E+3"));
        sameText(BigDecimalCodec.INSTANCE, new BigDecimal("1E-2000")); // refused the same way
    }

    @Test
    void listsAreWrittenAsJacksonWritesThemAndNullElementsAreRefusedTheSameWay() {
        Random random = new Random(SEED);
        @SuppressWarnings("unchecked")
        AbstractCodec<List<String>> strings =
                (AbstractCodec<List<String>>) (AbstractCodec<?>) Codecs.list(Codecs.string());
        @SuppressWarnings("unchecked")
        AbstractCodec<List<Double>> doubles =
                (AbstractCodec<List<Double>>) (AbstractCodec<?>) Codecs.list(Codecs.doubleValue());
        @SuppressWarnings("unchecked")
        AbstractCodec<List<List<Integer>>> nested =
                (AbstractCodec<List<List<Integer>>>) (AbstractCodec<?>) Codecs.list(Codecs.list(Codecs.integer()));
        sameText(strings, List.of());
        sameText(strings, List.of("jmh", "quarkus websockets", "vert.x"));
        sameText(strings, Arrays.asList("a", null, "b"));
        sameText(doubles, Arrays.asList(1.0, Double.NaN));
        sameText(doubles, List.of(-0.0, 1e-7, 3.0));
        sameText(nested, List.of(List.of(1, 2), List.of()));
        for (int i = 0; i < 2000; i++) {
            List<String> list = new ArrayList<>();
            int size = random.nextInt(5);
            for (int j = 0; j < size; j++) {
                list.add(randomText(random, TRICKY_CHARS, 4));
            }
            sameText(strings, list);
        }
    }

    // ---------------------------------------------------------------- decoding

    @Test
    void everyEncodedValueAndEveryEdgeTextReadsAsJacksonReadsIt() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                " ",
                "null",
                " null",
                "null ",
                "nul",
                "Null",
                "true",
                "false",
                "True",
                " true",
                "true ",
                "0",
                "-0",
                "00",
                "01",
                "-01",
                "1",
                "-1",
                "+1",
                "1.",
                ".5",
                "1.0",
                "-0.0",
                "14.5",
                "1e2",
                "1E2",
                "1e+2",
                "1e-2",
                "1e",
                "1e+",
                "-",
                "--1",
                "0x10",
                "NaN",
                "-Infinity",
                "Infinity",
                "1e400",
                "-1e400",
                "1e-400",
                "3.4028235E38",
                "3.4028236E38",
                "1e39",
                "1.4E-45",
                "7e-46",
                "127",
                "128",
                "-128",
                "-129",
                "32767",
                "32768",
                "2147483647",
                "2147483648",
                "-2147483648",
                "-2147483649",
                "9007199254740993",
                "999999999999999999",
                "1000000000000000000",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775808",
                "-9223372036854775809",
                "123456789012345678901234567890",
                "16777217",
                "-16777217",
                "9007199254740993.0",
                "0.1",
                "\"14\"",
                "\"\"",
                "\"a\"",
                "\"a",
                "a\"",
                "\"",
                "\"\\u0041\"",
                "\"a\\\"b\"",
                "\"\u0001\"",
                "\"\u007f\"",
                "\"\ud800\"",
                "\"\udc00x\"",
                "\"\ud83d\ude00\"",
                "\"é\"",
                "\"\u2028\"",
                " \"a\"",
                "\"a\" ",
                "\"a\"\"b\"",
                "\"HAPPY\"",
                "\"É_ACCENT\"",
                "\"happy\"",
                "\"x\"",
                "\"xy\"",
                "\"12.50\"",
                "\"1e-2000\"",
                "12.50",
                "\"123e4567-e89b-12d3-a456-426614174000\"",
                "\"123E4567-E89B-12D3-A456-426614174000\"",
                "\"1-2-3-4-5\"",
                "[]",
                "[ ]",
                " []",
                "[] ",
                "[",
                "]",
                "[[]]",
                "[1]",
                "[1,2]",
                "[1, 2]",
                "[1,,2]",
                "[1,]",
                "[,1]",
                "[,]",
                "[1]]",
                "[[1]",
                "[1]x",
                "[null]",
                "[1,null]",
                "[\"a\"]",
                "[\"a\",\"b\"]",
                "[\"a\" ,\"b\"]",
                "[\"a\",null]",
                "[\"a\\\",\",\"b\"]",
                "[\"a\\\"\"]",
                "[\"a\"\"b\"]",
                "[\"a\"b]",
                "[\"a]",
                "[true,false]",
                "[true,\"true\"]",
                "[1.5,-0.0,1e2]",
                "[-0]",
                "[\"HAPPY\",\"SAD\"]",
                "[\"HAPPY\",\"happy\"]",
                "[[1,2],[3]]",
                "[\"a\",\"a\"]",
                "[1,1,2]",
                "{}",
                "{\"a\":1}"));
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(5);
            for (int j = 0; j < pieces; j++) {
                text.append(DECODE_PIECES[random.nextInt(DECODE_PIECES.length)]);
            }
            texts.add(text.toString());
        }
        for (int i = 0; i < 500; i++) {
            texts.add(Double.toString(Double.longBitsToDouble(random.nextLong())));
            texts.add(Float.toString(Float.intBitsToFloat(random.nextInt())));
            texts.add(Long.toString(random.nextLong() >> random.nextInt(64)));
            texts.add(FloatingPointCodec.DOUBLE.encodeWithJackson(random.nextDouble() * 1e6));
            texts.add(TextualCodecs.STRING.encodeWithJackson(randomText(random, TRICKY_CHARS, 6)));
        }
        for (AbstractCodec<?> codec : CODECS) {
            for (String text : texts) {
                sameReading(codec, text);
            }
        }
    }

    @Test
    void theFastPathsDoTakeTheCommonForms() {
        assertThat(IntegralCodec.INTEGER.decodeFast("16", 0, 2)).isEqualTo(16);
        assertThat(FloatingPointCodec.DOUBLE.decodeFast("1.25", 0, 4)).isEqualTo(1.25);
        assertThat(BooleanCodec.INSTANCE.decodeFast("false", 0, 5)).isEqualTo(false);
        assertThat(TextualCodecs.STRING.decodeFast("\"fr-CA\"", 0, 7)).isEqualTo("fr-CA");
        assertThat(((AbstractCodec<?>) Codecs.list(Codecs.string())).decodeFast("[\"a\",\"b\"]", 0, 9))
                .isEqualTo(List.of("a", "b"));
        assertThat(TextualCodecs.STRING.encodeFast("fr-CA")).isEqualTo("\"fr-CA\"");
        assertThat(FloatingPointCodec.DOUBLE.encodeFast(1.25)).isEqualTo("1.25");
        assertThat(TextualCodecs.STRING.decodeFast("\"a\\\"\"", 0, 5)).isSameAs(AbstractCodec.NOT_FAST);
        assertThat(TextualCodecs.STRING.encodeFast("a\"")).isNull();
    }

    // ---------------------------------------------------------------- helpers

    private static <T> void sameText(AbstractCodec<T> codec, T value) {
        Outcome expected = outcome(() -> codec.encodeWithJackson(value));
        Outcome actual = outcome(() -> codec.encode(value));
        assertThat(actual)
                .as("%s.encode(%s) (seed %s)", codec, describe(value), SEED)
                .isEqualTo(expected);
    }

    @SuppressWarnings("unchecked")
    private static void sameReading(AbstractCodec<?> codec, String text) {
        Outcome expected = outcome(() -> ((AbstractCodec<Object>) codec).decodeWithJackson(text));
        Outcome actual = outcome(() -> codec.decode(text));
        assertThat(actual)
                .as("%s.decode(%s) (seed %s)", codec, describe(text), SEED)
                .isEqualTo(expected);
    }

    /**
     * A value with its class (so that 1 and 1L, or 0.0 and -0.0, differ), or an exception's class
     * and message.
     */
    private record Outcome(Object value, Class<?> type, String error) {}

    private static Outcome outcome(Supplier<Object> action) {
        try {
            Object value = action.get();
            if (value instanceof List<?> || value instanceof Set<?>) {
                // Also which collection: an unmodifiable list must not become a modifiable one.
                return new Outcome(value, value.getClass(), describeElements((Iterable<?>) value));
            }
            return new Outcome(value, value == null ? null : value.getClass(), null);
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass(), Objects.toString(e.getMessage()));
        }
    }

    private static String describeElements(Iterable<?> values) {
        StringBuilder classes = new StringBuilder();
        for (Object value : values) {
            classes.append(value.getClass().getSimpleName()).append(' ');
        }
        return classes.toString();
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            StringBuilder escaped = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                escaped.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
            return escaped.append('"').toString();
        }
        return String.valueOf(value);
    }

    private static String randomText(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
