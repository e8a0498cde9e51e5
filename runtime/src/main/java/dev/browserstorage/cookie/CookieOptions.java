package dev.browserstorage.cookie;

import dev.browserstorage.annotation.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The attributes of a cookie besides its name and value: where the browser sends it ({@link #path()},
 * {@link #domain()}), how long it keeps it ({@link #maxAge()} or {@link #expires()}), and how it
 * protects it ({@link #secure()}, {@link #sameSite()}, {@link #partitioned()}, {@link #httpOnly()}).
 *
 * <p>Immutable. Building never checks the browser's rules (only that nothing is {@code null}), so
 * that {@link CookieRules} can name the rule a combination breaks:
 *
 * <pre>{@code
 * CookieOptions options = CookieOptions.builder().maxAge(Duration.ofDays(30)).build();
 * CookieRules.check("lang", "en", options, pageUrl);
 * }</pre>
 */
public final class CookieOptions {
    private static final CookieOptions DEFAULTS = new Builder().build();

    private final String path;
    private final String domain;
    private final Duration maxAge;
    private final Instant expires;
    private final boolean secure;
    private final SameSite sameSite;
    private final boolean partitioned;
    private final boolean httpOnly;

    private CookieOptions(Builder builder) {
        this.path = builder.path;
        this.domain = builder.domain;
        this.maxAge = builder.maxAge;
        this.expires = builder.expires;
        this.secure = builder.secure;
        this.sameSite = builder.sameSite;
        this.partitioned = builder.partitioned;
        this.httpOnly = builder.httpOnly;
    }

    /**
     * The options the Cookie Store API uses when a page calls {@code cookieStore.set(name, value)},
     * except for {@code SameSite}: path {@code "/"} (the whole site), no domain (host-only), a session
     * cookie (neither max-age nor expires: the browser drops it when its session ends), Secure,
     * {@code SameSite=Lax}, not partitioned, not HttpOnly.
     *
     * @return the default options
     */
    public static CookieOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts from {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts from these options, to change a few of them.
     *
     * @return a new builder holding these options
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The path the browser sends the cookie for: the cookie goes with requests to this path and
     * below it. {@code "/"} means the whole site.
     *
     * @return the path, as given
     */
    public String path() {
        return path;
    }

    /**
     * The domain the browser sends the cookie to, together with all its subdomains. Absent means a
     * host-only cookie: sent to the exact host of the page that set it, and to no subdomain.
     *
     * @return the domain, as given, or empty for a host-only cookie
     */
    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /**
     * How long after it is set the browser keeps the cookie ({@code Max-Age}). Zero or negative
     * deletes the cookie at once.
     *
     * @return the lifetime, or empty
     */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /**
     * When the browser drops the cookie ({@code Expires}). An instant in the past deletes the cookie
     * at once. With neither this nor {@link #maxAge()}, the cookie is a session cookie.
     *
     * @return the expiry, or empty
     */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /**
     * Whether the browser sends the cookie over HTTPS only ({@code Secure}). Browsers treat {@code
     * localhost} as secure.
     *
     * @return whether the cookie is Secure
     */
    public boolean secure() {
        return secure;
    }

    /**
     * When the browser sends the cookie with requests that other sites start.
     *
     * @return the SameSite attribute
     */
    public SameSite sameSite() {
        return sameSite;
    }

    /**
     * Whether the browser keeps a separate copy of the cookie for every top-level site that embeds
     * the page ({@code Partitioned}, CHIPS).
     *
     * @return whether the cookie is Partitioned
     */
    public boolean partitioned() {
        return partitioned;
    }

    /**
     * Whether the browser hides the cookie from JavaScript ({@code HttpOnly}). Such a cookie can only
     * be set by a server's {@code Set-Cookie} header.
     *
     * @return whether the cookie is HttpOnly
     */
    public boolean httpOnly() {
        return httpOnly;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CookieOptions)) {
            return false;
        }
        CookieOptions that = (CookieOptions) other;
        return secure == that.secure
                && partitioned == that.partitioned
                && httpOnly == that.httpOnly
                && path.equals(that.path)
                && Objects.equals(domain, that.domain)
                && Objects.equals(maxAge, that.maxAge)
                && Objects.equals(expires, that.expires)
                && sameSite == that.sameSite;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, domain, maxAge, expires, secure, sameSite, partitioned, httpOnly);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("CookieOptions{path=").append(path);
        if (domain != null) {
            text.append(", domain=").append(domain);
        }
        if (maxAge != null) {
            text.append(", maxAge=").append(maxAge);
        }
        if (expires != null) {
            text.append(", expires=").append(expires);
        }
        return text.append(", secure=")
                .append(secure)
                .append(", sameSite=")
                .append(sameSite)
                .append(", partitioned=")
                .append(partitioned)
                .append(", httpOnly=")
                .append(httpOnly)
                .append('}')
                .toString();
    }

    /**
     * Builds {@link CookieOptions}, starting from {@link CookieOptions#defaults()}. Refuses {@code
     * null}s but no combination of values: {@link CookieRules} judges those.
     */
    public static final class Builder {
        private String path = "/";
        private String domain;
        private Duration maxAge;
        private Instant expires;
        private boolean secure = true;
        private SameSite sameSite = SameSite.LAX;
        private boolean partitioned;
        private boolean httpOnly;

        private Builder() {}

        private Builder(CookieOptions options) {
            this.path = options.path;
            this.domain = options.domain;
            this.maxAge = options.maxAge;
            this.expires = options.expires;
            this.secure = options.secure;
            this.sameSite = options.sameSite;
            this.partitioned = options.partitioned;
            this.httpOnly = options.httpOnly;
        }

        /**
         * Sets the path the cookie is sent for. Default {@code "/"}.
         *
         * @param path the path; browsers need it to start with {@code /}
         * @return this builder
         */
        public Builder path(String path) {
            this.path = Objects.requireNonNull(path, "path");
            return this;
        }

        /**
         * Sends the cookie to this domain and all its subdomains instead of to the page's host only.
         *
         * @param domain a domain the page's host is equal to or under, without a leading dot
         * @return this builder
         * @see #hostOnly()
         */
        public Builder domain(String domain) {
            this.domain = Objects.requireNonNull(domain, "domain");
            return this;
        }

        /**
         * Removes the domain: the cookie is sent to the exact host of the page only. The default.
         *
         * @return this builder
         */
        public Builder hostOnly() {
            this.domain = null;
            return this;
        }

        /**
         * Sets how long after it is set the browser keeps the cookie. Zero or negative deletes it.
         *
         * @param maxAge the lifetime; browsers cap it at 400 days
         * @return this builder
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        /**
         * Sets when the browser drops the cookie. An instant in the past deletes it.
         *
         * @param expires the expiry; browsers cap it at 400 days from now
         * @return this builder
         */
        public Builder expires(Instant expires) {
            this.expires = Objects.requireNonNull(expires, "expires");
            return this;
        }

        /**
         * Removes max-age and expires: the browser drops the cookie when its session ends. The
         * default.
         *
         * @return this builder
         */
        public Builder sessionCookie() {
            this.maxAge = null;
            this.expires = null;
            return this;
        }

        /**
         * Sets whether the cookie is sent over HTTPS only. Default {@code true}.
         *
         * @param secure whether the cookie is Secure
         * @return this builder
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * Sets when the cookie is sent with requests other sites start. Default {@link SameSite#LAX}.
         *
         * @param sameSite the SameSite attribute
         * @return this builder
         */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Objects.requireNonNull(sameSite, "sameSite");
            return this;
        }

        /**
         * Sets whether the browser keeps one copy of the cookie per embedding top-level site.
         * Default {@code false}.
         *
         * @param partitioned whether the cookie is Partitioned
         * @return this builder
         */
        public Builder partitioned(boolean partitioned) {
            this.partitioned = partitioned;
            return this;
        }

        /**
         * Sets whether the cookie is hidden from JavaScript. Default {@code false}.
         *
         * @param httpOnly whether the cookie is HttpOnly
         * @return this builder
         */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /**
         * Builds the options as set, without checking any browser rule.
         *
         * @return the options
         */
        public CookieOptions build() {
            return new CookieOptions(this);
        }
    }
}
