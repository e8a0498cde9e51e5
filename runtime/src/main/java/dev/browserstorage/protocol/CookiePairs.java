package dev.browserstorage.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Splits a {@code Cookie} header or {@code document.cookie} into names and values one pair at a
 * time, so that a reader of a hostile text can stop at a bound before it has split the rest.
 */
final class CookiePairs {
    private CookiePairs() {}

    /**
     * Splits the text on {@code ;}. Each part is stripped of white space, and an empty one skipped; a
     * part without {@code =} is a value with the empty name. Where a name appears twice (cookies of
     * different paths), the first wins: browsers list the more specific path first.
     *
     * @param header the text, {@code name=value; name2=value2}
     * @param maxPairs the most non-empty parts accepted, repeated names included: they cost the
     *     splitting as much as new ones
     * @param overLimit makes the exception thrown at the part past {@code maxPairs}
     * @return the cookies in order
     */
    static Map<String, String> split(
            CharSequence header, int maxPairs, Supplier<? extends RuntimeException> overLimit) {
        Map<String, String> cookies = new LinkedHashMap<>();
        int length = header.length();
        int pairs = 0;
        for (int start = 0; start < length; ) {
            int end = start;
            while (end < length && header.charAt(end) != ';') {
                end++;
            }
            int from = skipSpace(header, start, end);
            int to = trimSpace(header, from, end);
            if (from < to) {
                if (++pairs > maxPairs) {
                    throw overLimit.get();
                }
                int equals = indexOf(header, '=', from, to);
                String name = equals < 0 ? "" : stripped(header, from, equals);
                if (!cookies.containsKey(name)) {
                    cookies.put(
                            name,
                            equals < 0 ? header.subSequence(from, to).toString() : stripped(header, equals + 1, to));
                }
            }
            start = end + 1;
        }
        return cookies;
    }

    private static String stripped(CharSequence text, int from, int to) {
        int start = skipSpace(text, from, to);
        return text.subSequence(start, trimSpace(text, start, to)).toString();
    }

    /** As {@link String#strip()} counts white space: no surrogate is white space, so chars will do. */
    private static int skipSpace(CharSequence text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimSpace(CharSequence text, int from, int to) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }
}
