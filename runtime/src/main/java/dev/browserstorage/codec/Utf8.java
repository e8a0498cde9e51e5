package dev.browserstorage.codec;

/**
 * Counts the UTF-8 bytes of a text without encoding it, as the limits need on every write (a value
 * may be a mebibyte). An unpaired surrogate counts as the 3-byte U+FFFD that browsers store for it.
 */
public final class Utf8 {
    private Utf8() {}

    /**
     * The length of a text in UTF-8.
     *
     * @param text the text
     * @return its size in bytes
     */
    public static int length(CharSequence text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
