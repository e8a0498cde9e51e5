package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "\u00e9", "\u20ac", "\uD83D\uDE00", "mixed \u00e9\u20ac\uD83D\uDE00 text"})
    void countsWhatTheEncoderWouldWrite(String text) {
        assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void anUnpairedSurrogateCountsAsTheReplacementCharacterBrowsersStore() {
        assertThat(Utf8.length("a\uD800")).isEqualTo(1 + 3);
        assertThat(Utf8.length("\uDC00b")).isEqualTo(3 + 1);
    }
}
