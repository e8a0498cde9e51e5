package dev.browserstorage.codec;

/**
 * The common forms of scalar JSON texts, written and recognised without Jackson: the fast paths of
 * {@link AbstractCodec#encodeFast} and {@link AbstractCodec#decodeFast}. Each method either answers
 * exactly as Jackson would (the codecs' tests compare both on edge values) or says it does not know,
 * and the codec then asks Jackson. Nothing here throws for a bad text.
 */
final class FastJson {

    /** Longer strings are left to Jackson, whose parser limits their length. */
    static final int MAX_STRING_CHARS = 100_000;

    /** At most this many digits in an integer form, so that {@code Long.parseLong} cannot overflow. */
    private static final int MAX_INTEGER_DIGITS = 18;

    /** Longer numbers are left to Jackson (which limits them to {@link SharedJson#MAX_NUMBER_LENGTH}). */
    private static final int MAX_NUMBER_CHARS = 40;

    /** {@link #numberForm}: not a number this class reads. */
    static final int NOT_PLAIN = 0;
    /** {@link #numberForm}: {@code -?(0|[1-9][0-9]{0,17})}, what Jackson reads as an integer token. */
    static final int INTEGER = 1;
    /** {@link #numberForm}: a number with a fraction or an exponent, Jackson's floating-point token. */
    static final int FRACTION_OR_EXPONENT = 2;

    private FastJson() {}

    /**
     * The JSON string literal Jackson's generator writes for a text, when the text needs no escape
     * ({@link #needsNoEscape}).
     *
     * @return the literal, or {@code null} if the text needs an escape
     */
    static String quoteIfPlain(String text) {
        return needsNoEscape(text) ? '"' + text + '"' : null;
    }

    /**
     * Whether Jackson's generator writes a text inside quotes as it is: no quote, backslash or
     * control character, and no lone surrogate (which the codecs escape after Jackson). Characters
     * beyond ASCII, paired surrogates included, are written as they are.
     */
    static boolean needsNoEscape(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The text of a JSON string literal spanning exactly {@code [from, to)} that holds no escape and
     * no control character.
     *
     * @return the text, or {@code null} if the span is anything else
     */
    static String unquoteIfPlain(String json, int from, int to) {
        if (to - from < 2 || to - from > MAX_STRING_CHARS || json.charAt(from) != '"' || json.charAt(to - 1) != '"') {
            return null;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = json.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return null;
            }
        }
        return json.substring(from + 1, to - 1);
    }

    /**
     * Which plain form of a JSON number spans exactly {@code [from, to)}: {@link #INTEGER}, {@link
     * #FRACTION_OR_EXPONENT} (JSON's grammar, short), or {@link #NOT_PLAIN} for anything else
     * (whitespace, leading zeros, a long number, not a number).
     */
    static int numberForm(String json, int from, int to) {
        if (to - from > MAX_NUMBER_CHARS || from >= to) {
            return NOT_PLAIN;
        }
        int i = from;
        if (json.charAt(i) == '-') {
            i++;
        }
        int digitsStart = i;
        if (i < to && json.charAt(i) == '0') {
            i++;
        } else {
            while (i < to && isDigit(json.charAt(i))) {
                i++;
            }
        }
        int digits = i - digitsStart;
        if (digits == 0) {
            return NOT_PLAIN;
        }
        if (i == to) {
            return digits <= MAX_INTEGER_DIGITS ? INTEGER : NOT_PLAIN;
        }
        if (json.charAt(i) == '.') {
            int fractionStart = ++i;
            while (i < to && isDigit(json.charAt(i))) {
                i++;
            }
            if (i == fractionStart) {
                return NOT_PLAIN;
            }
        }
        if (i < to && (json.charAt(i) == 'e' || json.charAt(i) == 'E')) {
            i++;
            if (i < to && (json.charAt(i) == '+' || json.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < to && isDigit(json.charAt(i))) {
                i++;
            }
            if (i == exponentStart) {
                return NOT_PLAIN;
            }
        }
        return i == to ? FRACTION_OR_EXPONENT : NOT_PLAIN;
    }

    /** The value of an {@link #INTEGER} span. */
    static long parseInteger(String json, int from, int to) {
        return Long.parseLong(json, from, to, 10);
    }

    /** Whether {@code [from, to)} is exactly a JSON literal such as {@code true}. */
    static boolean isLiteral(String json, int from, int to, String literal) {
        return to - from == literal.length() && json.startsWith(literal, from);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
