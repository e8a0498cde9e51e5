package dev.browserstorage.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.browserstorage.annotation.SameSite;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SetCookieHeaderTest {
    @Test
    void defaultsRenderPathSecureAndSameSite() {
        assertThat(SetCookieHeader.format("lang", "en", CookieOptions.defaults()))
                .isEqualTo("lang=en; Path=/; Secure; SameSite=Lax");
    }

    @Test
    void everyAttributeComesInTheFixedOrder() {
        CookieOptions options = CookieOptions.builder()
                .path("/app")
                .domain("example.com")
                .maxAge(Duration.ofHours(1))
                .sameSite(SameSite.NONE)
                .partitioned(true)
                .httpOnly(true)
                .build();

        assertThat(SetCookieHeader.format("sid", "abc", options))
                .isEqualTo("sid=abc; Path=/app; Domain=example.com; Max-Age=3600; Secure; HttpOnly;"
                        + " SameSite=None; Partitioned");
    }

    @Test
    void expiresIsAnImfFixdateInGmtWithATwoDigitDay() {
        CookieOptions options = CookieOptions.builder()
                .expires(Instant.parse("2026-03-05T01:02:03.900Z"))
                .secure(false)
                .sameSite(SameSite.STRICT)
                .build();

        assertThat(SetCookieHeader.format("a", "b", options))
                .isEqualTo("a=b; Path=/; Expires=Thu, 05 Mar 2026 01:02:03 GMT; SameSite=Strict");
    }

    @Test
    void maxAgeAndExpiresAreBothRenderedWhenBothAreSet() {
        CookieOptions options = CookieOptions.builder()
                .maxAge(Duration.ofSeconds(60))
                .expires(Instant.parse("2026-12-24T18:00:00Z"))
                .build();

        assertThat(SetCookieHeader.format("a", "b", options))
                .contains("; Max-Age=60; Expires=Thu, 24 Dec 2026 18:00:00 GMT; Secure");
    }

    @ParameterizedTest(name = "{0} -> Max-Age={1}")
    @CsvSource({"PT0S, 0", "PT0.5S, 1", "PT1S, 1", "PT1.001S, 2", "PT-1S, -1", "P400D, 34560000"})
    void maxAgeIsInWholeSecondsRoundedUpSoThatAShortLifetimeDoesNotDelete(Duration maxAge, long seconds) {
        CookieOptions options = CookieOptions.builder().maxAge(maxAge).build();

        assertThat(SetCookieHeader.format("a", "b", options)).contains("; Max-Age=" + seconds + ";");
    }

    @Test
    void internationalizedDomainGoesOutInPunycode() {
        CookieOptions options = CookieOptions.builder().domain("Bücher.de").build();

        assertThat(SetCookieHeader.format("a", "b", options)).contains("; Domain=xn--bcher-kva.de;");
    }

    @Test
    void deletionKeepsScopeAndFlagsButExpiresAtOnce() {
        CookieOptions options = CookieOptions.builder()
                .path("/app")
                .domain("example.com")
                .maxAge(Duration.ofDays(30))
                .sameSite(SameSite.NONE)
                .partitioned(true)
                .httpOnly(true)
                .build();

        assertThat(SetCookieHeader.formatDeletion("sid", options))
                .isEqualTo("sid=; Path=/app; Domain=example.com; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                        + " Secure; HttpOnly; SameSite=None; Partitioned");
    }

    @Test
    void deletionOfANamelessCookieCarriesAValueBecauseBrowsersIgnoreAnEmptyNameAndValue() {
        assertThat(SetCookieHeader.formatDeletion("", CookieOptions.defaults()))
                .startsWith("=deleted; Path=/; Max-Age=0;");
    }

    @Test
    void deletionOfAHostPrefixedCookiePassesTheRulesAsTheBrowserAppliesThem() {
        String header = SetCookieHeader.formatDeletion("__Host-sid", CookieOptions.defaults());

        assertThat(header)
                .isEqualTo("__Host-sid=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT;"
                        + " Secure; SameSite=Lax");
        CookieOptions deletion = CookieOptions.builder().maxAge(Duration.ZERO).build();
        assertThatCode(() -> CookieRules.check("__Host-sid", "", deletion, URI.create("https://example.com/")))
                .doesNotThrowAnyException();
    }
}
