package dev.browserstorage.processor.model;

import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.cookie.CookieOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The attributes of a cookie as typed values: those one {@code @Cookie} gives ({@link CookiePrism}),
 * or those a field ends up with ({@link CookieAttributes}).
 *
 * @param maxAge the lifetime, an ISO-8601 duration, or empty for a session cookie
 * @param path the path
 * @param domain the domain, or empty for a host-only cookie
 * @param secure whether it is sent over HTTPS only
 * @param sameSite the {@code SameSite} attribute
 * @param partitioned whether it is partitioned (CHIPS)
 * @param httpOnly whether it is hidden from the page's script
 */
public record CookieValues(
        String maxAge,
        String path,
        String domain,
        boolean secure,
        SameSite sameSite,
        boolean partitioned,
        boolean httpOnly) {

    /**
     * The runtime options these attributes make, for checking them against {@code CookieRules}.
     *
     * @param lifetime the parsed {@link #maxAge()}, if it is set and valid
     * @return the options
     */
    public CookieOptions toOptions(Optional<Duration> lifetime) {
        CookieOptions.Builder options = CookieOptions.builder()
                .path(path)
                .secure(secure)
                .sameSite(sameSite)
                .partitioned(partitioned)
                .httpOnly(httpOnly);
        if (!domain.isEmpty()) {
            options.domain(domain);
        }
        lifetime.ifPresent(options::maxAge);
        return options.build();
    }
}
