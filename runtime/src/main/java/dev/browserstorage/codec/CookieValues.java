package dev.browserstorage.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of cookie values, see {@link Codecs#percentEncodeCookieValue(String)} and {@link
 * Codecs#percentDecodeCookieValue(String)}.
 */
final class CookieValues {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CookieValues() {}

    /**
     * An RFC 6265bis cookie-octet (%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E: visible ASCII
     * except {@code "}, {@code ,}, {@code ;} and {@code \}), less four that are cookie-octets but
     * escaped all the same: {@code %}, because it introduces an escape; {@code +}, which PHP and
     * other form-style decoders read as a space; {@code [} and {@code ]}, at which Python's {@code
     * http.cookies} stops reading a value.
     */
    static boolean isKeptAsIs(char c) {
        return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\' && c != '%' && c != '+'
                && c != '[' && c != ']';
    }

    static String percentEncode(String value) {
        int length = value.length();
        int first = 0;
        while (first < length && isKeptAsIs(value.charAt(first))) {
            first++;
        }
        if (first == length) {
            return value;
        }
        StringBuilder out = new StringBuilder(length + 16).append(value, 0, first);
        for (int i = first; i < length; ) {
            char c = value.charAt(i);
            if (isKeptAsIs(c)) {
                out.append(c);
                i++;
                continue;
            }
            int codePoint = value.codePointAt(i);
            if (Character.isSurrogate(c) && Character.charCount(codePoint) == 1) {
                // As JavaScript's encodeURIComponent throws a URIError: UTF-8 has no form for it.
                throw new IllegalArgumentException("a cookie value cannot hold the lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + " at index " + i + ": it has no UTF-8 form");
            }
            appendUtf8Escaped(out, codePoint);
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static void appendUtf8Escaped(StringBuilder out, int codePoint) {
        if (codePoint < 0x80) {
            appendByte(out, codePoint);
        } else if (codePoint < 0x800) {
            appendByte(out, 0xC0 | codePoint >> 6);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            appendByte(out, 0xE0 | codePoint >> 12);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else {
            appendByte(out, 0xF0 | codePoint >> 18);
            appendByte(out, 0x80 | codePoint >> 12 & 0x3F);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
        }
    }

    private static void appendByte(StringBuilder out, int octet) {
        out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
    }

    /**
     * @param expected what the value should have been, for the message: a type name, or "a
     *     percent-encoded cookie value"
     */
    static String percentDecode(String value, String expected) {
        int first = value.indexOf('%');
        if (first < 0) {
            return value;
        }
        int length = value.length();
        StringBuilder out = new StringBuilder(length).append(value, 0, first);
        byte[] octets = new byte[length / 3];
        CharsetDecoder utf8 = null;
        for (int i = first; i < length; ) {
            if (value.charAt(i) != '%') {
                out.append(value.charAt(i++));
                continue;
            }
            int runStart = i;
            int count = 0;
            while (i < length && value.charAt(i) == '%') {
                octets[count++] = (byte) escapedOctet(value, i, expected);
                i += 3;
            }
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            out.append(decodeUtf8(utf8, octets, count, value, runStart, expected));
        }
        return out.toString();
    }

    private static int escapedOctet(String value, int percentAt, String expected) {
        int high = percentAt + 2 < value.length() ? hexDigit(value.charAt(percentAt + 1)) : -1;
        int low = high < 0 ? -1 : hexDigit(value.charAt(percentAt + 2));
        if (low < 0) {
            throw new ValueDecodingException("expected " + expected + " but found a malformed percent escape at index "
                    + percentAt + " of " + DecodingErrors.quote(value));
        }
        return high << 4 | low;
    }

    private static int hexDigit(char c) {
        // Not Character.digit: that also accepts non-ASCII digits such as U+FF10.
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static CharBuffer decodeUtf8(
            CharsetDecoder utf8, byte[] octets, int count, String value, int runStart, String expected) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(octets, 0, count));
        } catch (CharacterCodingException e) {
            throw new ValueDecodingException(
                    "expected " + expected + " but the percent escapes from index " + runStart + " are not UTF-8 in "
                            + DecodingErrors.quote(value),
                    e);
        }
    }
}
