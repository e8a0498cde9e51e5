package dev.browserstorage.cookie;

import dev.browserstorage.annotation.SameSite;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One cookie as a read returns it, like the Cookie Store API's {@code CookieListItem}: its name and
 * value, and its attributes where they are known. A browser tells a server only names and values
 * ({@code document.cookie}, the {@code Cookie} header); the attributes are known for cookies this
 * server wrote, from the options it wrote them with.
 *
 * @param name the cookie name
 * @param value the cookie value, as the browser holds it
 * @param attributes the options this server last wrote the cookie with, or {@code null} if unknown
 * @param expiresAt when the browser drops the cookie, or {@code null} for a session cookie or if unknown
 */
public record CookieListItem(String name, String value, CookieOptions attributes, Instant expiresAt) {

    /** Checks that the name and value are given. */
    public CookieListItem {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** @return the options this server last wrote the cookie with, if it wrote it */
    public Optional<CookieOptions> knownAttributes() {
        return Optional.ofNullable(attributes);
    }

    /** @return the domain the cookie is sent to, if known and not host-only */
    public Optional<String> domain() {
        return attributes == null ? Optional.empty() : attributes.domain();
    }

    /** @return the path the cookie is sent for, if known */
    public Optional<String> path() {
        return attributes == null ? Optional.empty() : Optional.of(attributes.path());
    }

    /** @return when the browser drops the cookie, if known and not a session cookie */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expiresAt);
    }

    /** @return whether the cookie is Secure, if known */
    public Optional<Boolean> secure() {
        return attributes == null ? Optional.empty() : Optional.of(attributes.secure());
    }

    /** @return the cookie's SameSite attribute, if known */
    public Optional<SameSite> sameSite() {
        return attributes == null ? Optional.empty() : Optional.of(attributes.sameSite());
    }

    /** @return whether the cookie is Partitioned, if known */
    public Optional<Boolean> partitioned() {
        return attributes == null ? Optional.empty() : Optional.of(attributes.partitioned());
    }

    /** @return whether the cookie is HttpOnly, if known */
    public Optional<Boolean> httpOnly() {
        return attributes == null ? Optional.empty() : Optional.of(attributes.httpOnly());
    }
}
