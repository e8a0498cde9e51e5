package dev.browserstorage.codec;

/**
 * UTF-16 text that cannot be carried as UTF-8: a lone surrogate, such as half of an emoji cut off by
 * {@code substring}. Java and JavaScript strings can hold one; UTF-8 (a WebSocket frame, a cookie
 * header) cannot.
 */
final class Utf16 {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Utf16() {}

    /**
     * The index of the first lone surrogate, or -1 if the text is well-formed.
     */
    static int firstLoneSurrogate(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Replaces each lone surrogate in a JSON text by its {@code \}{@code uXXXX} escape, lower-case as
     * JavaScript's {@code JSON.stringify} writes it. {@code JSON.parse} and Jackson read the escape
     * back as the same single UTF-16 unit, so the value round-trips, and the text itself is
     * well-formed and survives UTF-8 transport. Safe on any JSON that Jackson wrote: outside string
     * literals all of it is ASCII, and inside them a raw surrogate is never part of an escape.
     *
     * @return the same instance when there is nothing to escape
     */
    static String escapeLoneSurrogates(String json) {
        int lone = firstLoneSurrogate(json);
        if (lone < 0) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 5).append(json, 0, lone);
        int length = json.length();
        for (int i = lone; i < length; i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append("\\u")
                        .append(HEX[c >> 12])
                        .append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF])
                        .append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
