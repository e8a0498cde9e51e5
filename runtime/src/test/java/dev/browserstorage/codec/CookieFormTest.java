package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CookieFormTest {

    enum Theme {
        LIGHT,
        DARK
    }

    private final ValueCodec<String> strings = Codecs.cookieForm(Codecs.string());

    static Stream<Arguments> cookieValues() {
        return Stream.of(
                Arguments.of(Codecs.string(), "en", "en"),
                Arguments.of(Codecs.string(), "", ""),
                Arguments.of(Codecs.string(), "a b", "a%20b"),
                Arguments.of(Codecs.string(), "null", "null"),
                Arguments.of(Codecs.string(), "\"quoted\"", "%22quoted%22"),
                Arguments.of(Codecs.enumOf(Theme.class), Theme.DARK, "DARK"),
                Arguments.of(Codecs.instant(), Instant.parse("2011-12-03T10:15:30Z"), "2011-12-03T10:15:30Z"),
                Arguments.of(Codecs.localDate(), LocalDate.of(2011, 12, 3), "2011-12-03"),
                Arguments.of(
                        Codecs.uuid(),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                        "123e4567-e89b-12d3-a456-426614174000"),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("12.50"), "12.50"),
                Arguments.of(Codecs.bigDecimal(), new BigDecimal("1.2E+3"), "1.2E%2B3"),
                Arguments.of(Codecs.character(), ';', "%3B"),
                Arguments.of(Codecs.integer(), 14, "14"),
                Arguments.of(Codecs.bool(), true, "true"),
                Arguments.of(Codecs.doubleValue(), -1.5, "-1.5"),
                Arguments.of(Codecs.list(Codecs.string()), List.of("x", "y"), "%5B%22x%22%2C%22y%22%5D"),
                Arguments.of(Codecs.map(Codecs.integer()), Map.of("k", 1), "{%22k%22:1}"),
                Arguments.of(Codecs.list(Codecs.string()), List.of(), "%5B%5D"));
    }

    @ParameterizedTest
    @MethodSource("cookieValues")
    <T> void cookieValueIsTheBareTextOrTheJsonPercentEncoded(ValueCodec<T> json, T value, String cookieValue) {
        ValueCodec<T> cookie = Codecs.cookieForm(json);
        assertThat(cookie.encode(value)).isEqualTo(cookieValue);
        assertThat(cookie.decode(cookieValue)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " ",
                ";",
                ",",
                "\"",
                "\\",
                "%",
                "+",
                "[",
                "]",
                "\n",
                "\u0000",
                "\u007f",
                "é",
                "東",
                "😀",
                "=",
                ":",
                "/",
                "a b; c=d, \"e\"\\%25"
            })
    void everyCharacterClassRoundTripsAsCookieOctetsOnly(String value) {
        String cookieValue = strings.encode(value);
        assertThat(cookieValue).matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*");
        assertThat(strings.decode(cookieValue)).isEqualTo(value);
    }

    @Test
    void everyCharTheBrowserCouldHoldRoundTrips() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00\uFFFF\uFEFF");
        String cookieValue = strings.encode(all.toString());
        for (int i = 0; i < cookieValue.length(); i++) {
            char c = cookieValue.charAt(i);
            assertThat(c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\')
                    .as("char %d of the cookie value: %s", i, c)
                    .isTrue();
        }
        assertThat(strings.decode(cookieValue)).isEqualTo(all.toString());
    }

    @Test
    void isDerivedOnceAndIsAValueOfItsJsonCodec() {
        assertThat(Codecs.cookieForm(strings)).isSameAs(strings);
        assertThat(Codecs.cookieForm(Codecs.string()))
                .isEqualTo(strings)
                .hasSameHashCodeAs(strings)
                .isNotEqualTo(Codecs.cookieForm(Codecs.character()));
        assertThat(strings).hasToString("cookie form of ValueCodec<String>");
    }

    @Test
    void escapesAreUpperCaseUtf8() {
        assertThat(strings.encode("é😀%")).isEqualTo("%C3%A9%F0%9F%98%80%25");
        assertThat(Codecs.percentEncodeCookieValue("a b;")).isEqualTo("a%20b%3B");
    }

    @Test
    void plainTextIsLeftAlone() {
        String plain = "Abc-123_.~!*'()/:=?@{}|^`<>&$#";
        assertThat(Codecs.percentEncodeCookieValue(plain)).isSameAs(plain);
        assertThat(Codecs.percentDecodeCookieValue(plain)).isSameAs(plain);
    }

    @Test
    void readsWhatEncodeUriComponentWrites() {
        // encodeURIComponent('a b;,"\\%+[]é😀:/?#&=$@{}|^`<>')
        String fromJavaScript =
                "a%20b%3B%2C%22%5C%25%2B%5B%5D%C3%A9%F0%9F%98%80%3A%2F%3F%23%26%3D%24%40%7B%7D%7C%5E%60%3C%3E";
        assertThat(strings.decode(fromJavaScript)).isEqualTo("a b;,\"\\%+[]é😀:/?#&=$@{}|^`<>");
        // encodeURIComponent(JSON.stringify(["x","y"]))
        assertThat(Codecs.cookieForm(Codecs.list(Codecs.string())).decode("%5B%22x%22%2C%22y%22%5D"))
                .containsExactly("x", "y");
        assertThat(strings.decode("%c3%a9")).isEqualTo("é");
    }

    @Test
    void plusIsAPlusNotASpace() {
        assertThat(strings.decode("a+b")).isEqualTo("a+b");
        assertThat(strings.encode("a+b")).isEqualTo("a%2Bb");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "%",
                "%2",
                "ab%2",
                "%zz",
                "%G0",
                "%%41",
                "%C3",
                "%C3%28",
                "%ED%A0%80",
                "%C0%AF",
                "%FF",
                "%F0%9F%98"
            })
    void malformedEscapesAreRefused(String cookieValue) {
        assertThatThrownBy(() -> strings.decode(cookieValue))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected String but ")
                .hasMessageContaining("percent escape");
        assertThatThrownBy(() -> Codecs.percentDecodeCookieValue(cookieValue))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected a percent-encoded cookie value");
    }

    @Test
    void loneSurrogateCannotBeACookie() {
        assertThatThrownBy(() -> strings.encode("cut \uD83D"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+D83D at index 4");
    }

    @Test
    void jsonInsideTheCookieHasItsLoneSurrogatesEscaped() {
        ValueCodec<List<String>> lists = Codecs.cookieForm(Codecs.list(Codecs.string()));
        String cookieValue = lists.encode(List.of("cut \uD83D"));
        assertThat(cookieValue).isEqualTo("%5B%22cut%20%5Cud83d%22%5D");
        assertThat(lists.decode(cookieValue)).containsExactly("cut \uD83D");
    }

    @Test
    void textualCookieIsNeverNullButJsonCookieMayBe() {
        assertThat(strings.decode("null")).isEqualTo("null");
        assertThat(Codecs.cookieForm(Codecs.integer()).decode("null")).isNull();
    }

    @Test
    void invalidValuesAreRefusedWithTheType() {
        assertThatThrownBy(() -> Codecs.cookieForm(Codecs.enumOf(Theme.class)).decode("PURPLE"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage("expected Theme but found string \"PURPLE\" (one of LIGHT, DARK)");
        assertThatThrownBy(() -> Codecs.cookieForm(Codecs.integer()).decode("fourteen"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Integer");
        assertThatThrownBy(() -> Codecs.cookieForm(Codecs.integer()).decode(""))
                .isInstanceOf(ValueDecodingException.class);
        assertThatThrownBy(() -> Codecs.cookieForm(Codecs.instant()).decode("yesterday"))
                .isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void nestedValuesAreJson() {
        ValueCodec<List<String>> listOfCookieStrings = Codecs.list(Codecs.cookieForm(Codecs.string()));
        assertThat(listOfCookieStrings.encode(List.of("a b"))).isEqualTo("[\"a b\"]");
        assertThat(listOfCookieStrings.decode("[\"a b\"]")).containsExactly("a b");
    }

    @Test
    void describesItselfAsItsJsonCodec() {
        ValueCodec<List<String>> json = Codecs.list(Codecs.string());
        ValueCodec<List<String>> cookie = Codecs.cookieForm(json);
        assertThat(cookie.typeName()).isEqualTo("List<String>");
        assertThat(cookie.isTextual()).isFalse();
        assertThat(cookie.producesImmutableValues()).isTrue();
        assertThat(strings.isTextual()).isTrue();
        assertThat(Codecs.cookieForm(cookie)).isSameAs(cookie);
    }

    /** A textual codec from elsewhere, which the cookie form only knows through ValueCodec. */
    private static final class Shouting implements ValueCodec<String> {
        @Override
        public String encode(String value) {
            return Codecs.string().encode(value.toUpperCase());
        }

        @Override
        public String decode(String text) {
            String value = Codecs.string().decode(text);
            if (!value.equals(value.toUpperCase())) {
                throw new ValueDecodingException("expected Shouting");
            }
            return value;
        }

        @Override
        public void write(JsonGenerator generator, String value) throws IOException {
            generator.writeString(value.toUpperCase());
        }

        @Override
        public String read(JsonParser parser) throws IOException {
            return parser.getText();
        }

        @Override
        public boolean isTextual() {
            return true;
        }

        @Override
        public boolean producesImmutableValues() {
            return true;
        }

        @Override
        public String typeName() {
            return "Shouting";
        }
    }

    @Test
    void anyTextualCodecGetsTheBareText() {
        ValueCodec<String> cookie = Codecs.cookieForm(new Shouting());
        assertThat(cookie.encode("hi there \"you\"")).isEqualTo("HI%20THERE%20%22YOU%22");
        assertThat(cookie.decode("HI%20THERE%20%22YOU%22")).isEqualTo("HI THERE \"YOU\"");
        assertThatThrownBy(() -> cookie.decode("quiet")).isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void longValuesStayLinear() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            many.add("value " + i + " é");
        }
        ValueCodec<List<String>> cookie = Codecs.cookieForm(Codecs.list(Codecs.string()));
        assertThat(cookie.decode(cookie.encode(many))).isEqualTo(many);
    }
}
