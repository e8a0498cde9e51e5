package dev.browserstorage.browser;

import dev.browserstorage.cookie.CookieOptions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes this server last wrote a cookie with, and when: what {@code document.cookie} and a
 * {@code Cookie} header never tell (path, domain, expiry, flags), remembered so that a later delete
 * uses the same path and domain and a read can report them.
 *
 * @param options the attributes of the last write
 * @param writtenAt when it was written
 */
public record CookieAttributes(CookieOptions options, Instant writtenAt) {

    /** Checks that both are given. */
    public CookieAttributes {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }

    /**
     * When the browser drops the cookie: its {@code expires}, or {@code maxAge} after it was written.
     *
     * @return the instant, or empty for a session cookie
     */
    public Optional<Instant> expiresAt() {
        if (options.expires().isPresent()) {
            return options.expires();
        }
        return options.maxAge().map(writtenAt::plus);
    }
}
