package dev.browserstorage.cookie;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one reader of a {@code Cookie} header or {@code document.cookie}: it walks the text one
 * {@code name=value} pair at a time, so that a reader of a hostile text can stop at a bound before it
 * has split the rest.
 *
 * <p>The text is split on {@code ;}. Each part is stripped of white space, and an empty one skipped;
 * a part without {@code =} is a value with the empty name.
 */
public final class CookieHeader {
    private CookieHeader() {}

    /**
     * The cookies of a header. Where a name appears twice (cookies of different paths), the first
     * wins: browsers list the more specific path first.
     *
     * @param header the header's value, {@code name=value; name2=value2}
     * @return the cookies in order
     */
    public static Map<String, String> parse(CharSequence header) {
        // A String holds fewer than Integer.MAX_VALUE pairs: the bound is never reached.
        return parse(header, Integer.MAX_VALUE, IllegalStateException::new);
    }

    /**
     * The cookies of a header, as {@link #parse(CharSequence)} reads them, refused at the first pair
     * past a bound.
     *
     * @param header the text, {@code name=value; name2=value2}
     * @param maxPairs the most non-empty parts accepted, repeated names included: they cost the
     *     splitting as much as new ones
     * @param overLimit makes the exception thrown at the part past {@code maxPairs}
     * @return the cookies in order
     */
    public static Map<String, String> parse(
            CharSequence header, int maxPairs, Supplier<? extends RuntimeException> overLimit) {
        Map<String, String> cookies = new LinkedHashMap<>();
        int[] pairs = {0};
        forEachPair(header, (name, value) -> {
            if (++pairs[0] > maxPairs) {
                throw overLimit.get();
            }
            cookies.putIfAbsent(name, value);
        });
        return cookies;
    }

    /**
     * Every value a name has in a request's {@code Cookie} headers (HTTP/2 may split them). A name
     * seen twice is kept twice: that is how a planted cookie shows beside the real one.
     *
     * @param headers the headers' values
     * @param name the cookie's name, not empty
     * @return its values, in order
     */
    public static List<String> valuesOf(Iterable<String> headers, String name) {
        List<String> values = new ArrayList<>(1);
        for (String header : headers) {
            forEachPair(header, (pairName, value) -> {
                if (!pairName.isEmpty() && pairName.equals(name)) {
                    values.add(value);
                }
            });
        }
        return values;
    }

    /** Receives one pair of a header. */
    @FunctionalInterface
    private interface PairVisitor {
        void pair(String name, String value);
    }

    private static void forEachPair(CharSequence header, PairVisitor visitor) {
        int length = header.length();
        for (int start = 0; start < length; ) {
            int end = start;
            while (end < length && header.charAt(end) != ';') {
                end++;
            }
            int from = skipSpace(header, start, end);
            int to = trimSpace(header, from, end);
            if (from < to) {
                int equals = indexOf(header, '=', from, to);
                if (equals < 0) {
                    visitor.pair("", header.subSequence(from, to).toString());
                } else {
                    visitor.pair(stripped(header, from, equals), stripped(header, equals + 1, to));
                }
            }
            start = end + 1;
        }
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
