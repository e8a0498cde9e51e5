package dev.browserstorage.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.browserstorage.annotation.SameSite;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The browser's cookie rules, case by case, from RFC 6265bis / draft-ietf-httpbis-layered-cookies
 * ("Parse a Cookie", "Store a Cookie") and the Cookie Store API ("set a cookie"), with the limits the
 * web-platform-tests use (cookies/size, cookie-store/cookieStore_set_limit).
 */
class CookieRulesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final URI PAGE = URI.create("https://www.example.com/app/page");
    private static final CookieOptions DEFAULTS = CookieOptions.defaults();

    private static void accepted(String name, String value, CookieOptions options, URI page) {
        assertThatCode(() -> CookieRules.check(name, value, options, page)).doesNotThrowAnyException();
    }

    private static void accepted(String name, String value, CookieOptions options) {
        accepted(name, value, options, PAGE);
    }

    private static InvalidCookieException refused(CookieRule rule, ThrowingCallable check) {
        InvalidCookieException refusal = catchThrowableOfType(InvalidCookieException.class, check);
        assertThat(refusal).as("expected %s", rule).isNotNull();
        assertThat(refusal.rule()).isEqualTo(rule);
        return refusal;
    }

    private static InvalidCookieException refused(
            CookieRule rule, String name, String value, CookieOptions options, URI page) {
        InvalidCookieException refusal = refused(rule, () -> CookieRules.check(name, value, options, page));
        assertThat(refusal.cookieName()).isEqualTo(name);
        return refusal;
    }

    private static InvalidCookieException refused(CookieRule rule, String name, String value, CookieOptions options) {
        return refused(rule, name, value, options, PAGE);
    }

    private static CookieOptions.Builder options() {
        return CookieOptions.builder();
    }

    @Nested
    class Characters {
        /** Every C0 control except TAB, then DEL: RFC 6265bis "CTL characters excluding HTAB". */
        static Stream<Character> forbiddenControls() {
            return Stream.concat(IntStream.range(0, 0x20).filter(c -> c != '\t').boxed(), Stream.of(0x7F))
                    .map(c -> (char) c.intValue());
        }

        static Stream<Character> forbiddenCharacters() {
            return Stream.concat(forbiddenControls(), Stream.of(';'));
        }

        @ParameterizedTest(name = "U+{0}")
        @MethodSource("forbiddenCharacters")
        void forbiddenCharacterInTheNameIsRefused(char c) {
            refused(CookieRule.NAME_CHARACTERS, "a" + c + "b", "v", DEFAULTS);
        }

        @ParameterizedTest(name = "U+{0}")
        @MethodSource("forbiddenCharacters")
        void forbiddenCharacterInTheValueIsRefused(char c) {
            refused(CookieRule.VALUE_CHARACTERS, "n", "a" + c + "b", DEFAULTS);
        }

        @ParameterizedTest(name = "U+{0}")
        @MethodSource("forbiddenCharacters")
        void forbiddenCharacterInTheNameIsRefusedInADeclaration(char c) {
            refused(CookieRule.NAME_CHARACTERS, () -> CookieRules.checkDeclaration("a" + c + "b", DEFAULTS));
        }

        @Test
        void tabInsideTheNameAndValueIsAllowed() {
            accepted("a\tb", "c\td", DEFAULTS);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "a b",
                    "\u0085",
                    "\u00a0",
                    "caf\u00e9",
                    "\u20ac",
                    "\uD83D\uDE00",
                    "\"quoted\"",
                    "a,b",
                    "a\\b",
                    "=",
                    "a=b=c"
                })
        void otherCharactersInTheValueAreAllowed(String value) {
            accepted("n", value, DEFAULTS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b", "caf\u00e9", "\uD83D\uDE00", "a,b", "a:b", "\"n\""})
        void nonTokenCharactersInTheNameAreAllowedAsBrowsersStoreThem(String name) {
            accepted(name, "v", DEFAULTS);
        }

        @Test
        void equalsSignInTheNameIsRefused() {
            InvalidCookieException refusal = refused(CookieRule.NAME_CONTAINS_EQUALS, "a=b", "v", DEFAULTS);

            assertThat(refusal).hasMessageContaining("'a=b'").hasMessageContaining("index 1");
        }

        @Test
        void equalsSignInTheNameIsRefusedInADeclaration() {
            refused(CookieRule.NAME_CONTAINS_EQUALS, () -> CookieRules.checkDeclaration("a=b", DEFAULTS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\uD800", "a\uDC00", "\uDE00\uD83D"})
        void unpairedSurrogateIsRefusedBecauseTheBrowserWouldStoreU_FFFD(String text) {
            refused(CookieRule.NAME_CHARACTERS, text, "v", DEFAULTS);
            refused(CookieRule.VALUE_CHARACTERS, "n", text, DEFAULTS);
        }

        @Test
        void messageShowsTheControlCharacterEscaped() {
            InvalidCookieException refusal = refused(CookieRule.NAME_CHARACTERS, "a\u0001b", "v", DEFAULTS);

            assertThat(refusal.getMessage())
                    .startsWith("Cookie name 'a\\u0001b' contains the control character \\u0001 at index 1: ")
                    .contains(CookieRule.NAME_CHARACTERS.description())
                    .doesNotContain("\u0001");
        }

        @Test
        void messageNamesTheCharacterButNeverEchoesTheValue() {
            // Cookie values are often secrets (session ids); exception messages end up in logs.
            String secret = "s3cr3t-session-id\u007f";
            InvalidCookieException refusal = refused(CookieRule.VALUE_CHARACTERS, "sid", secret, DEFAULTS);

            assertThat(refusal.getMessage())
                    .contains("DEL")
                    .contains("at index 17")
                    .contains("Encode the value")
                    .doesNotContain("s3cr3t");
        }

        @Test
        void anOversizedValueIsNotEchoedEither() {
            InvalidCookieException refusal =
                    refused(CookieRule.NAME_VALUE_TOO_LONG, "sid", "secret" + "x".repeat(4100), DEFAULTS);

            assertThat(refusal.getMessage()).contains("4109 bytes").doesNotContain("secret");
        }
    }

    @Nested
    class Whitespace {
        @ParameterizedTest
        @ValueSource(strings = {" a", "a ", "\ta", "a\t", " "})
        void nameWithSurroundingWhitespaceIsRefusedBecauseBrowsersStripIt(String name) {
            refused(CookieRule.LEADING_OR_TRAILING_WHITESPACE, name, "v", DEFAULTS);
            refused(CookieRule.LEADING_OR_TRAILING_WHITESPACE, () -> CookieRules.checkDeclaration(name, DEFAULTS));
        }

        @ParameterizedTest
        @ValueSource(strings = {" v", "v ", "\tv", "v\t", " "})
        void valueWithSurroundingWhitespaceIsRefusedBecauseBrowsersStripIt(String value) {
            refused(CookieRule.LEADING_OR_TRAILING_WHITESPACE, "n", value, DEFAULTS);
        }

        @Test
        void messageSaysWhichEndAndWhichCharacter() {
            assertThat(refused(CookieRule.LEADING_OR_TRAILING_WHITESPACE, "n", "v\t", DEFAULTS))
                    .hasMessageStartingWith("The value (2 characters) of cookie 'n' ends with a TAB: ");
        }
    }

    @Nested
    class NamelessCookies {
        @Test
        void emptyNameAndEmptyValueIsRefused() {
            refused(CookieRule.EMPTY_NAME_AND_VALUE, "", "", DEFAULTS);
        }

        @Test
        void emptyNameWithEqualsInTheValueIsRefused() {
            refused(CookieRule.NAMELESS_VALUE_CONTAINS_EQUALS, "", "a=b", DEFAULTS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"__Secure-x", "__Host-x", "__Http-x", "__Host-Http-x", "__secure-x", "__HOST-x"})
        void emptyNameWithAPrefixedValueIsRefused(String value) {
            refused(CookieRule.NAMELESS_VALUE_HAS_PREFIX, "", value, DEFAULTS);
        }

        @Test
        void emptyNameWithAPlainValueIsAllowed() {
            accepted("", "flag", DEFAULTS);
        }

        @Test
        void emptyValueIsAllowed() {
            accepted("n", "", DEFAULTS);
        }
    }

    @Nested
    class NameAndValueSize {
        @Test
        void limitIs4096Bytes() {
            assertThat(CookieRules.MAX_NAME_VALUE_BYTES).isEqualTo(4096);
        }

        @Test
        void exactly4096AsciiBytesAreAccepted() {
            accepted("n", "a".repeat(4095), DEFAULTS);
            accepted("a".repeat(2048), "b".repeat(2048), DEFAULTS);
        }

        @Test
        void over4096AsciiBytesAreRefused() {
            InvalidCookieException refusal = refused(CookieRule.NAME_VALUE_TOO_LONG, "n", "a".repeat(4096), DEFAULTS);

            assertThat(refusal).hasMessageContaining("4097 bytes").hasMessageContaining("'n'");
        }

        @Test
        void nameAloneMayHoldTheWholeLimit() {
            accepted("a".repeat(4096), "", DEFAULTS);
            refused(CookieRule.NAME_VALUE_TOO_LONG, "a".repeat(4097), "", DEFAULTS);
        }

        @Test
        void declarationRefusesANameThatIsTooLongOnItsOwn() {
            assertThatCode(() -> CookieRules.checkDeclaration("a".repeat(4096), DEFAULTS))
                    .doesNotThrowAnyException();
            refused(CookieRule.NAME_VALUE_TOO_LONG, () -> CookieRules.checkDeclaration("a".repeat(4097), DEFAULTS));
        }

        /** A character of 2, 3 or 4 bytes ends the value: 4096 bytes pass, one more ASCII byte before it fails. */
        @ParameterizedTest(name = "{0} ({1} bytes)")
        @CsvSource({"\u00e9, 2", "\u20ac, 3", "\uD83D\uDE00, 4"})
        void limitCountsUtf8BytesNotCharacters(String wide, int bytes) {
            String fits = "a".repeat(4096 - 1 - bytes) + wide;
            String oneOver = "a".repeat(4096 - bytes) + wide;

            assertThat(CookieRules.nameValueBytes("n", fits)).isEqualTo(4096);
            assertThat(CookieRules.nameValueBytes("n", oneOver)).isEqualTo(4097);
            assertThat(oneOver.length())
                    .as("UTF-16 length stays under the limit")
                    .isLessThan(4096);
            accepted("n", fits, DEFAULTS);
            refused(CookieRule.NAME_VALUE_TOO_LONG, "n", oneOver, DEFAULTS);
        }

        @Test
        void multiByteCharactersInTheNameCountToo() {
            String name = "\u20ac".repeat(1000);

            accepted(name, "a".repeat(1096), DEFAULTS);
            refused(CookieRule.NAME_VALUE_TOO_LONG, name, "a".repeat(1097), DEFAULTS);
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                value = {"'', 0", "a, 1", "\u00e9, 2", "\u20ac, 3", "\uD83D\uDE00, 4", "\uD800, 3"},
                quoteCharacter = '\'')
        void nameValueBytesCountsUtf8(String text, int bytes) {
            assertThat(CookieRules.nameValueBytes(text, "")).isEqualTo(bytes);
            assertThat(CookieRules.nameValueBytes("", text)).isEqualTo(bytes);
            assertThat(CookieRules.nameValueBytes(text, text)).isEqualTo(2 * bytes);
        }
    }

    @Nested
    class Path {
        @Test
        void limitIs1024Bytes() {
            assertThat(CookieRules.MAX_ATTRIBUTE_BYTES).isEqualTo(1024);
        }

        @Test
        void pathOf1024BytesIsAcceptedAnd1025Refused() {
            accepted("n", "v", options().path("/" + "a".repeat(1023)).build());
            InvalidCookieException refusal = refused(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    "n",
                    "v",
                    options().path("/" + "a".repeat(1024)).build());

            assertThat(refusal).hasMessageContaining("path of 1025 bytes");
        }

        @Test
        void pathLimitCountsUtf8Bytes() {
            accepted("n", "v", options().path("/" + "\u00e9".repeat(511) + "a").build());
            refused(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    "n",
                    "v",
                    options().path("/" + "\u00e9".repeat(512)).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"account", "", "app/", "*"})
        void pathMustStartWithASlash(String path) {
            CookieOptions options = options().path(path).build();

            InvalidCookieException refusal = refused(CookieRule.PATH_NOT_ABSOLUTE, "n", "v", options);
            refused(CookieRule.PATH_NOT_ABSOLUTE, () -> CookieRules.checkDeclaration("n", options));
            assertThat(refusal).hasMessageContaining("'" + path + "'").hasMessageContaining("'/" + path + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/", "/app", "/app/", "/a b", "/caf\u00e9"})
        void absolutePathsAreAccepted(String path) {
            accepted("n", "v", options().path(path).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"/a;b", "/a\u0001", "/a\u007f", "/a\n"})
        void pathMustNotHoldASemicolonOrControlCharacter(String path) {
            refused(
                    CookieRule.ATTRIBUTE_CHARACTERS,
                    "n",
                    "v",
                    options().path(path).build());
        }
    }

    @Nested
    class Domain {
        private final URI bare = URI.create("https://example.com/");

        @ParameterizedTest
        @ValueSource(strings = {"www.example.com", "example.com", "EXAMPLE.com", "Www.Example.Com"})
        void hostOrAParentDomainIsAccepted(String domain) {
            accepted("n", "v", options().domain(domain).build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"other.com", "ample.com", "sub.www.example.com", "example.org", "w.example.com"})
        void domainTheHostIsNotUnderIsRefused(String domain) {
            InvalidCookieException refusal = refused(
                    CookieRule.DOMAIN_MISMATCH,
                    "n",
                    "v",
                    options().domain(domain).build());

            assertThat(refusal).hasMessageContaining("'" + domain + "'").hasMessageContaining("'www.example.com'");
        }

        @Test
        void leadingDotIsRefused() {
            InvalidCookieException refusal = refused(
                    CookieRule.DOMAIN_LEADING_DOT,
                    "n",
                    "v",
                    options().domain(".example.com").build());

            assertThat(refusal).hasMessageContaining("'.example.com'").hasMessageContaining("Write 'example.com'");
            refused(
                    CookieRule.DOMAIN_LEADING_DOT,
                    () -> CookieRules.checkDeclaration(
                            "n", options().domain(".example.com").build()));
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "com, https://www.example.com/",
            "co.uk, https://www.example.co.uk/",
            "uk, https://example.co.uk/",
            "github.io, https://user.github.io/",
            "blogspot.com, https://me.blogspot.com/",
            "localhost, https://app.localhost/",
        })
        void publicSuffixIsRefused(String domain, URI page) {
            refused(
                    CookieRule.DOMAIN_PUBLIC_SUFFIX,
                    "n",
                    "v",
                    options().domain(domain).build(),
                    page);
            refused(
                    CookieRule.DOMAIN_PUBLIC_SUFFIX,
                    () -> CookieRules.checkDeclaration(
                            "n", options().domain(domain).build()));
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "github.io, https://github.io/",
            "co.uk, https://co.uk/",
            "CO.UK, https://co.uk/",
            "localhost, http://localhost:8080/",
        })
        void publicSuffixEqualToTheHostIsAccepted(String domain, URI page) {
            accepted("n", "v", options().domain(domain).build(), page);
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "user.github.io, https://user.github.io/",
            "example.co.uk, https://www.example.co.uk/",
        })
        void registrableDomainUnderAPublicSuffixIsAccepted(String domain, URI page) {
            accepted("n", "v", options().domain(domain).build(), page);
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "192.168.0.10, https://192.168.0.10/",
            "2001:db8::1, https://[2001:db8::1]/",
            "[2001:db8::1], https://[2001:db8::1]:8443/",
            "2001:db8:0:0::1, https://[2001:db8::1]/",
        })
        void ipAddressDomainIsAcceptedOnlyOnThatSameAddress(String domain, URI page) {
            accepted("n", "v", options().domain(domain).build(), page);
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "192.168.0.11, https://192.168.0.10/",
            "0.10, https://192.168.0.10/",
            "93.184.216.34, https://www.example.com/",
            "2001:db8::2, https://[2001:db8::1]/",
        })
        void ipAddressDomainOnAnyOtherHostIsRefused(String domain, URI page) {
            InvalidCookieException refusal = refused(
                    CookieRule.DOMAIN_IP_ADDRESS,
                    "n",
                    "v",
                    options().domain(domain).build(),
                    page);

            assertThat(refusal).hasMessageContaining("'" + domain + "'");
        }

        @Test
        void ipAddressHostMatchesNoDomainName() {
            refused(
                    CookieRule.DOMAIN_MISMATCH,
                    "n",
                    "v",
                    options().domain("example.com").build(),
                    URI.create("https://93.184.216.34/"));
        }

        @Test
        void declarationRefusesAnyIpAddressDomain() {
            refused(
                    CookieRule.DOMAIN_IP_ADDRESS,
                    () -> CookieRules.checkDeclaration(
                            "n", options().domain("10.0.0.1").build()));
        }

        @ParameterizedTest(name = "{0} on {1}")
        @CsvSource({
            "b\u00fccher.de, https://www.b\u00fccher.de/",
            "B\u00dcCHER.de, https://www.b\u00fccher.de/",
            "xn--bcher-kva.de, https://www.b\u00fccher.de/",
            "b\u00fccher.de, https://www.xn--bcher-kva.de/",
            "\u4f8b\u3048.jp, https://\u4f8b\u3048.jp/",
        })
        void internationalizedDomainsAreComparedInPunycode(String domain, URI page) {
            accepted("n", "v", options().domain(domain).build(), page);
        }

        @Test
        void internationalizedDomainMustStillMatch() {
            refused(
                    CookieRule.DOMAIN_MISMATCH,
                    "n",
                    "v",
                    options().domain("bucher.de").build(),
                    URI.create("https://www.b\u00fccher.de/"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "a..example.com",
                    "exa mple.com",
                    "exa\tmple.com",
                    "example.com:8080",
                    "ex/ample.com",
                    "a@example.com",
                    "example.com.."
                })
        void domainThatIsNotAHostNameIsRefused(String domain) {
            refused(CookieRule.DOMAIN_SYNTAX, "n", "v", options().domain(domain).build());
            refused(
                    CookieRule.DOMAIN_SYNTAX,
                    () -> CookieRules.checkDeclaration(
                            "n", options().domain(domain).build()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"exa;mple.com", "example.com\u0000", "exa\nmple.com", "example.com\u007f"})
        void domainWithASemicolonOrControlCharacterIsRefused(String domain) {
            refused(
                    CookieRule.ATTRIBUTE_CHARACTERS,
                    "n",
                    "v",
                    options().domain(domain).build());
        }

        @Test
        void domainOf1024BytesIsAcceptedAnd1025Refused() {
            String domain = "a.".repeat((1024 - "example.com".length()) / 2) + "xexample.com";
            assertThat(domain).hasSize(1024);

            accepted("n", "v", options().domain(domain).build(), URI.create("https://" + domain + "/"));
            refused(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    "n",
                    "v",
                    options().domain("a" + domain).build(),
                    URI.create("https://a" + domain + "/"));
            refused(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    () -> CookieRules.checkDeclaration(
                            "n", options().domain("a" + domain).build()));
        }

        @Test
        void declarationAcceptsAnOrdinaryDomain() {
            assertThatCode(() -> CookieRules.checkDeclaration(
                            "n", options().domain("example.com").build()))
                    .doesNotThrowAnyException();
        }

        @Test
        void hostOnlyCookieNeedsNoDomainCheck() {
            accepted("n", "v", DEFAULTS, bare);
        }
    }

    @Nested
    class Prefixes {
        @ParameterizedTest
        @ValueSource(strings = {"__Secure-id", "__SECURE-id", "__secure-id"})
        void securePrefixNeedsSecure(String name) {
            accepted(name, "v", DEFAULTS);
            refused(CookieRule.SECURE_PREFIX, name, "v", options().secure(false).build());
            refused(
                    CookieRule.SECURE_PREFIX,
                    () -> CookieRules.checkDeclaration(
                            name, options().secure(false).build()));
        }

        @Test
        void securePrefixAllowsADomainAndAnyPath() {
            accepted(
                    "__Secure-id",
                    "v",
                    options().domain("example.com").path("/app").build());
        }

        @ParameterizedTest
        @ValueSource(strings = {"__Host-sid", "__HOST-sid", "__host-sid", "__hOsT-sid"})
        void hostPrefixIsAcceptedWhenSecureHostOnlyAndAtTheRoot(String name) {
            accepted(name, "v", DEFAULTS);
        }

        static Stream<Arguments> hostPrefixBreaches() {
            return Stream.of("__Host-sid", "__HOST-sid")
                    .flatMap(name -> Stream.of(
                            Arguments.of(name, options().secure(false).build()),
                            Arguments.of(
                                    name, options().domain("www.example.com").build()),
                            Arguments.of(name, options().path("/app").build()),
                            Arguments.of(name, options().path("/app/").build())));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("hostPrefixBreaches")
        void hostPrefixRefusesInsecureDomainOrPath(String name, CookieOptions options) {
            refused(CookieRule.HOST_PREFIX, name, "v", options);
            refused(CookieRule.HOST_PREFIX, () -> CookieRules.checkDeclaration(name, options));
        }

        @Test
        void hostPrefixMessageNamesTheDomainAndTheFix() {
            InvalidCookieException refusal = refused(
                    CookieRule.HOST_PREFIX,
                    "__Host-sid",
                    "v",
                    options().domain("example.com").build());

            assertThat(refusal)
                    .hasMessage("Cookie '__Host-sid' uses the __Host- prefix but sets domain"
                            + " 'example.com': " + CookieRule.HOST_PREFIX.description()
                            + ". Remove the domain, or drop the prefix.");
        }

        @Test
        void hostPrefixMessageListsEveryBreach() {
            InvalidCookieException refusal = refused(
                    CookieRule.HOST_PREFIX,
                    "__Host-sid",
                    "v",
                    options().secure(false).domain("example.com").path("/a").build());

            assertThat(refusal).hasMessageContaining("is not Secure, sets domain 'example.com' and has path '/a'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"__Http-token", "__HTTP-token", "__http-token"})
        void httpPrefixNeedsSecureAndHttpOnly(String name) {
            accepted(name, "v", options().httpOnly(true).build());
            accepted(
                    name,
                    "v",
                    options().httpOnly(true).domain("example.com").path("/app").build());
            refused(CookieRule.HTTP_PREFIX, name, "v", DEFAULTS);
            refused(
                    CookieRule.HTTP_PREFIX,
                    name,
                    "v",
                    options().httpOnly(true).secure(false).build());
            refused(CookieRule.HTTP_PREFIX, () -> CookieRules.checkDeclaration(name, DEFAULTS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"__Host-Http-sid", "__HOST-HTTP-sid", "__host-http-sid"})
        void hostHttpPrefixNeedsEverythingOfHostAndHttpOnly(String name) {
            CookieOptions good = options().httpOnly(true).build();
            accepted(name, "v", good);
            refused(CookieRule.HOST_HTTP_PREFIX, name, "v", DEFAULTS);
            refused(
                    CookieRule.HOST_HTTP_PREFIX,
                    name,
                    "v",
                    good.toBuilder().secure(false).build());
            refused(
                    CookieRule.HOST_HTTP_PREFIX,
                    name,
                    "v",
                    good.toBuilder().domain("www.example.com").build());
            refused(
                    CookieRule.HOST_HTTP_PREFIX,
                    name,
                    "v",
                    good.toBuilder().path("/app").build());
            refused(CookieRule.HOST_HTTP_PREFIX, () -> CookieRules.checkDeclaration(name, DEFAULTS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"__Hostsid", "_Host-sid", "x__Host-sid", "__Securex", "Http-x", "__Https-x"})
        void namesThatOnlyResembleAPrefixAreFree(String name) {
            accepted(
                    name,
                    "v",
                    options().secure(false).domain("example.com").path("/app").build(),
                    URI.create("http://www.example.com/"));
        }
    }

    @Nested
    class SecureCompanions {
        @Test
        void sameSiteNoneNeedsSecure() {
            accepted("n", "v", options().sameSite(SameSite.NONE).build());
            refused(
                    CookieRule.SAMESITE_NONE_REQUIRES_SECURE,
                    "n",
                    "v",
                    options().sameSite(SameSite.NONE).secure(false).build());
            refused(
                    CookieRule.SAMESITE_NONE_REQUIRES_SECURE,
                    () -> CookieRules.checkDeclaration(
                            "n", options().sameSite(SameSite.NONE).secure(false).build()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"STRICT", "LAX"})
        void otherSameSiteValuesDoNotNeedSecure(SameSite sameSite) {
            accepted("n", "v", options().sameSite(sameSite).secure(false).build());
        }

        @Test
        void partitionedNeedsSecure() {
            accepted("n", "v", options().partitioned(true).build());
            refused(
                    CookieRule.PARTITIONED_REQUIRES_SECURE,
                    "n",
                    "v",
                    options().partitioned(true).secure(false).build());
            refused(
                    CookieRule.PARTITIONED_REQUIRES_SECURE,
                    () -> CookieRules.checkDeclaration(
                            "n", options().partitioned(true).secure(false).build()));
        }
    }

    @Nested
    class Lifetime {
        @Test
        void capIs400Days() {
            assertThat(CookieRules.MAX_LIFETIME).isEqualTo(Duration.ofDays(400));
        }

        @Test
        void expiresAndMaxAgeTogetherAreRefused() {
            CookieOptions both = options()
                    .maxAge(Duration.ofDays(1))
                    .expires(NOW.plusSeconds(60))
                    .build();

            refused(CookieRule.EXPIRES_AND_MAX_AGE, "n", "v", both);
            refused(CookieRule.EXPIRES_AND_MAX_AGE, () -> CookieRules.checkDeclaration("n", both));
        }

        @Test
        void aLifetimeOver400DaysBreaksNoRuleSinceBrowsersShortenIt() {
            accepted(
                    "n",
                    "v",
                    options().maxAge(Duration.ofDays(400).plusSeconds(1)).build());
            accepted("n", "v", options().maxAge(Duration.ofDays(999)).build());
            accepted(
                    "n", "v", options().expires(NOW.plus(Duration.ofDays(4000))).build());
            assertThatCode(() -> CookieRules.checkDeclaration(
                            "n", options().maxAge(Duration.ofDays(401)).build()))
                    .doesNotThrowAnyException();
        }

        @Test
        void capShortensAMaxAgeOver400DaysTo400Days() {
            CookieOptions declared = options()
                    .path("/shop")
                    .domain("example.com")
                    .maxAge(Duration.ofDays(400).plusSeconds(1))
                    .sameSite(SameSite.STRICT)
                    .partitioned(true)
                    .httpOnly(true)
                    .build();

            CookieOptions capped = CookieRules.capLifetime(declared, NOW);

            assertThat(capped.maxAge()).contains(Duration.ofDays(400));
            assertThat(capped.toBuilder()
                            .maxAge(declared.maxAge().orElseThrow())
                            .build())
                    .as("every other attribute kept")
                    .isEqualTo(declared);
        }

        @Test
        void capShortensAnExpiryMoreThan400DaysAheadTo400DaysFromNow() {
            CookieOptions twoYears =
                    options().expires(NOW.plus(Duration.ofDays(730))).build();
            CookieOptions oneSecondOver = options()
                    .expires(NOW.plus(Duration.ofDays(400)).plusSeconds(1))
                    .build();

            assertThat(CookieRules.capLifetime(twoYears, NOW).expires()).contains(NOW.plus(Duration.ofDays(400)));
            assertThat(CookieRules.capLifetime(oneSecondOver, NOW).expires()).contains(NOW.plus(Duration.ofDays(400)));
            assertThat(CookieRules.capLifetime(twoYears, NOW).maxAge())
                    .as("still an expiry")
                    .isEmpty();
        }

        @Test
        void capMeasuresAnExpiryFromTheGivenNow() {
            CookieOptions options =
                    options().expires(NOW.plus(Duration.ofDays(450))).build();

            assertThat(CookieRules.capLifetime(options, NOW.plus(Duration.ofDays(60))))
                    .isSameAs(options);
            assertThat(CookieRules.capLifetime(options, NOW).expires()).contains(NOW.plus(Duration.ofDays(400)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"P400D", "P30D", "PT1S", "PT0S", "-P3650D"})
        void capLeavesAMaxAgeUpTo400DaysAndDeletionsAsTheyAre(Duration maxAge) {
            CookieOptions options = options().maxAge(maxAge).build();

            assertThat(CookieRules.capLifetime(options, NOW)).isSameAs(options);
        }

        @Test
        void capLeavesAnExpiryUpTo400DaysAheadPastExpiriesAndSessionCookiesAsTheyAre() {
            CookieOptions exactly400Days =
                    options().expires(NOW.plus(Duration.ofDays(400))).build();
            CookieOptions past = options().expires(Instant.EPOCH).build();

            assertThat(CookieRules.capLifetime(exactly400Days, NOW)).isSameAs(exactly400Days);
            assertThat(CookieRules.capLifetime(past, NOW)).isSameAs(past);
            assertThat(CookieRules.capLifetime(DEFAULTS, NOW)).isSameAs(DEFAULTS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"PT0S", "PT-1S", "-P3650D"})
        void zeroOrNegativeMaxAgeIsADeletionAndAccepted(Duration maxAge) {
            accepted("n", "v", options().maxAge(maxAge).build());
        }

        @Test
        void expiresInThePastIsADeletionAndAccepted() {
            accepted("n", "v", options().expires(Instant.EPOCH).build());
            accepted("n", "v", options().expires(NOW).build());
        }
    }

    @Nested
    class InsecurePages {
        @ParameterizedTest
        @ValueSource(strings = {"http://www.example.com/", "http://192.168.0.10/", "ws://www.example.com/socket"})
        void secureCookieFromAPlainHttpPageIsRefused(URI page) {
            InvalidCookieException refusal = refused(CookieRule.SECURE_ON_INSECURE_ORIGIN, "n", "v", DEFAULTS, page);

            assertThat(refusal).hasMessageContaining("'" + page + "'");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://localhost/",
                    "http://localhost:8080/app",
                    "http://app.localhost/",
                    "http://127.0.0.1:8080/",
                    "http://127.0.0.2/",
                    "http://[::1]:8080/",
                    "HTTPS://www.example.com/",
                    "wss://www.example.com/socket"
                })
        void secureCookieFromASecureOrLoopbackPageIsAccepted(URI page) {
            accepted("n", "v", DEFAULTS, page);
        }

        @Test
        void insecureCookieFromAPlainHttpPageIsAccepted() {
            accepted("n", "v", options().secure(false).build(), URI.create("http://www.example.com/"));
        }

        @Test
        void prefixedCookieOnLocalhostIsAccepted() {
            accepted("__Host-sid", "v", DEFAULTS, URI.create("http://localhost:8080/"));
        }
    }

    @Nested
    class Order {
        @Test
        void nameCharactersComeBeforeEverythingElse() {
            refused(
                    CookieRule.NAME_CHARACTERS,
                    "__Host-a;b",
                    "v\u0001",
                    options()
                            .domain(".com")
                            .secure(false)
                            .maxAge(Duration.ofDays(999))
                            .build(),
                    URI.create("http://www.example.com/"));
        }

        @Test
        void valueCharactersComeBeforeEqualsInTheName() {
            refused(CookieRule.VALUE_CHARACTERS, "a=b", "v;", DEFAULTS);
        }

        @Test
        void sizeComesBeforeAttributes() {
            refused(
                    CookieRule.NAME_VALUE_TOO_LONG,
                    "n",
                    "a".repeat(5000),
                    options().path("x").build());
        }

        @Test
        void domainRulesComeBeforePrefixRules() {
            refused(
                    CookieRule.DOMAIN_PUBLIC_SUFFIX,
                    "__Host-sid",
                    "v",
                    options().domain("com").build());
        }

        @Test
        void prefixRulesComeBeforeSameSite() {
            refused(
                    CookieRule.HOST_PREFIX,
                    "__Host-sid",
                    "v",
                    options().secure(false).sameSite(SameSite.NONE).build());
        }

        @Test
        void expiresWithMaxAgeIsRefusedHoweverLongTheLifetime() {
            refused(
                    CookieRule.EXPIRES_AND_MAX_AGE,
                    "n",
                    "v",
                    options()
                            .maxAge(Duration.ofDays(999))
                            .expires(NOW.plus(Duration.ofDays(999)))
                            .build());
        }

        @Test
        void insecureOriginComesLast() {
            refused(
                    CookieRule.EXPIRES_AND_MAX_AGE,
                    "n",
                    "v",
                    options()
                            .maxAge(Duration.ofDays(1))
                            .expires(NOW.plusSeconds(60))
                            .build(),
                    URI.create("http://www.example.com/"));
        }
    }

    @Nested
    class Misuse {
        @ParameterizedTest
        @ValueSource(strings = {"/relative/page", "mailto:someone@example.com", "file:///tmp/page.html"})
        void pageUrlWithoutAHostIsAProgrammingError(URI page) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> CookieRules.check("n", "v", DEFAULTS, page))
                    .withMessageContaining(page.toString());
        }

        @Test
        void checkValueAppliesTheNameAndValueRulesOnly() {
            assertThatCode(() -> CookieRules.checkValue("n", "v")).doesNotThrowAnyException();
            refused(CookieRule.VALUE_CHARACTERS, () -> CookieRules.checkValue("n", "a;b"));
            refused(CookieRule.NAME_VALUE_TOO_LONG, () -> CookieRules.checkValue("n", "a".repeat(4096)));
            refused(CookieRule.EMPTY_NAME_AND_VALUE, () -> CookieRules.checkValue("", ""));
        }

        @Test
        void everyRuleHasADescription() {
            assertThat(CookieRule.values())
                    .allSatisfy(rule -> assertThat(rule.description()).isNotBlank());
        }
    }
}
