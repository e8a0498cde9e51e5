package dev.browserstorage.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.browserstorage.annotation.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CookieOptionsTest {
    private static final Instant EXPIRES = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void defaultsAreAHostOnlySecureLaxSessionCookieForTheWholeSite() {
        CookieOptions defaults = CookieOptions.defaults();

        assertThat(defaults.path()).isEqualTo("/");
        assertThat(defaults.domain()).isEmpty();
        assertThat(defaults.maxAge()).isEmpty();
        assertThat(defaults.expires()).isEmpty();
        assertThat(defaults.secure()).isTrue();
        assertThat(defaults.sameSite()).isEqualTo(SameSite.LAX);
        assertThat(defaults.partitioned()).isFalse();
        assertThat(defaults.httpOnly()).isFalse();
    }

    @Test
    void builderStartsFromTheDefaults() {
        assertThat(CookieOptions.builder().build()).isEqualTo(CookieOptions.defaults());
    }

    @Test
    void builderSetsEveryAttribute() {
        CookieOptions options = CookieOptions.builder()
                .path("/app")
                .domain("example.com")
                .maxAge(Duration.ofHours(1))
                .secure(false)
                .sameSite(SameSite.STRICT)
                .partitioned(true)
                .httpOnly(true)
                .build();

        assertThat(options.path()).isEqualTo("/app");
        assertThat(options.domain()).contains("example.com");
        assertThat(options.maxAge()).contains(Duration.ofHours(1));
        assertThat(options.expires()).isEmpty();
        assertThat(options.secure()).isFalse();
        assertThat(options.sameSite()).isEqualTo(SameSite.STRICT);
        assertThat(options.partitioned()).isTrue();
        assertThat(options.httpOnly()).isTrue();
    }

    @Test
    void builderAcceptsMaxAgeTogetherWithExpiresSoThatTheRulesCanNameTheProblem() {
        CookieOptions options = CookieOptions.builder()
                .maxAge(Duration.ofDays(1))
                .expires(EXPIRES)
                .build();

        assertThat(options.maxAge()).contains(Duration.ofDays(1));
        assertThat(options.expires()).contains(EXPIRES);
    }

    @Test
    void builderDoesNotJudgeTheBrowserRules() {
        CookieOptions options = CookieOptions.builder()
                .path("relative")
                .domain(".com")
                .maxAge(Duration.ofDays(4000))
                .secure(false)
                .sameSite(SameSite.NONE)
                .build();

        assertThat(options.path()).isEqualTo("relative");
        assertThat(options.domain()).contains(".com");
    }

    @Test
    void hostOnlyRemovesTheDomainAndSessionCookieRemovesTheLifetime() {
        CookieOptions options = CookieOptions.builder()
                .domain("example.com")
                .maxAge(Duration.ofDays(1))
                .expires(EXPIRES)
                .hostOnly()
                .sessionCookie()
                .build();

        assertThat(options).isEqualTo(CookieOptions.defaults());
    }

    @Test
    void toBuilderKeepsEveryAttribute() {
        CookieOptions options = CookieOptions.builder()
                .path("/a")
                .domain("example.com")
                .expires(EXPIRES)
                .secure(false)
                .sameSite(SameSite.STRICT)
                .partitioned(true)
                .httpOnly(true)
                .build();

        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(options.toBuilder().path("/b").build().path()).isEqualTo("/b");
        assertThat(options.path()).isEqualTo("/a");
    }

    static Stream<Arguments> singleChanges() {
        return Stream.of(
                Arguments.of("path", (UnaryOperator<CookieOptions.Builder>) b -> b.path("/other")),
                Arguments.of("domain", (UnaryOperator<CookieOptions.Builder>) b -> b.domain("example.com")),
                Arguments.of("maxAge", (UnaryOperator<CookieOptions.Builder>) b -> b.maxAge(Duration.ofSeconds(1))),
                Arguments.of("expires", (UnaryOperator<CookieOptions.Builder>) b -> b.expires(EXPIRES)),
                Arguments.of("secure", (UnaryOperator<CookieOptions.Builder>) b -> b.secure(false)),
                Arguments.of("sameSite", (UnaryOperator<CookieOptions.Builder>) b -> b.sameSite(SameSite.NONE)),
                Arguments.of("partitioned", (UnaryOperator<CookieOptions.Builder>) b -> b.partitioned(true)),
                Arguments.of("httpOnly", (UnaryOperator<CookieOptions.Builder>) b -> b.httpOnly(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleChanges")
    void equalsAndHashCodeSeeEveryAttribute(String attribute, UnaryOperator<CookieOptions.Builder> change) {
        CookieOptions changed = change.apply(CookieOptions.builder()).build();
        CookieOptions sameChange = change.apply(CookieOptions.builder()).build();

        assertThat(changed).isNotEqualTo(CookieOptions.defaults());
        assertThat(changed).isEqualTo(sameChange).hasSameHashCodeAs(sameChange);
        assertThat(changed.toString()).contains(attribute + "=");
    }

    @Test
    void toStringShowsTheAttributesThatAreSet() {
        String text = CookieOptions.builder()
                .domain("example.com")
                .maxAge(Duration.ofMinutes(5))
                .build()
                .toString();

        assertThat(text)
                .isEqualTo("CookieOptions{path=/, domain=example.com, maxAge=PT5M, secure=true,"
                        + " sameSite=LAX, partitioned=false, httpOnly=false}");
    }

    @Test
    void builderRefusesNulls() {
        CookieOptions.Builder builder = CookieOptions.builder();

        assertThatNullPointerException().isThrownBy(() -> builder.path(null)).withMessage("path");
        assertThatNullPointerException().isThrownBy(() -> builder.domain(null)).withMessage("domain");
        assertThatNullPointerException().isThrownBy(() -> builder.maxAge(null)).withMessage("maxAge");
        assertThatNullPointerException().isThrownBy(() -> builder.expires(null)).withMessage("expires");
        assertThatNullPointerException()
                .isThrownBy(() -> builder.sameSite(null))
                .withMessage("sameSite");
    }
}
