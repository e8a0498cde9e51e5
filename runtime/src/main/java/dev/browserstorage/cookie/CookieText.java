package dev.browserstorage.cookie;

import java.util.Locale;

/** Character-level helpers for cookie names, values and attributes, and for quoting them in messages. */
final class CookieText {
    /** Longer values are cut in messages: a 4 KiB value helps nobody read an error. */
    private static final int MAX_QUOTED_CHARS = 60;

    private CookieText() {}

    /**
     * The index of the first character no cookie name, value, path or domain may hold: a C0 control
     * other than TAB, DEL, {@code ;}, or an unpaired surrogate (which would silently become U+FFFD).
     *
     * @return the index, or -1 if there is none
     */
    static int indexOfForbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F || c == ';') {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Names the character at {@code index} for a message: {@code ';'}, or an escape like <code>&#92;u0001</code>. */
    static String describeCharacter(String text, int index) {
        char c = text.charAt(index);
        if (c == ';') {
            return "';'";
        }
        if (Character.isSurrogate(c)) {
            return "the unpaired surrogate " + escape(c);
        }
        return c == 0x7F ? "DEL (" + escape(c) + ")" : "the control character " + escape(c);
    }

    /** Whether {@code text} starts or ends with the whitespace browsers strip (space or TAB). */
    static boolean hasSurroundingWhitespace(String text) {
        return !text.isEmpty()
                && (isStrippedWhitespace(text.charAt(0)) || isStrippedWhitespace(text.charAt(text.length() - 1)));
    }

    private static boolean isStrippedWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Whether {@code text} starts with {@code prefix}, ignoring ASCII case: browsers match cookie
     * prefixes on the byte-lowercased name, so {@code __HOST-} counts as {@code __Host-}.
     */
    static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Lowercases ASCII letters only, as browsers do for host names. */
    static String asciiLowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * Quotes {@code text} for a message: between single quotes, control characters, DEL, C1 controls
     * and unpaired surrogates escaped as <code>&#92;uXXXX</code>, cut after {@value #MAX_QUOTED_CHARS}
     * characters.
     */
    static String quote(String text) {
        boolean cut = text.length() > MAX_QUOTED_CHARS;
        int end = cut ? MAX_QUOTED_CHARS : text.length();
        if (cut && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder quoted = new StringBuilder(end + 8).append('\'');
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (Character.isSurrogate(c) && !pairedSurrogate)) {
                quoted.append(escape(c));
            } else {
                quoted.append(c);
            }
        }
        if (cut) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }

    private static String escape(char c) {
        return String.format(Locale.ROOT, "\\u%04X", (int) c);
    }
}
