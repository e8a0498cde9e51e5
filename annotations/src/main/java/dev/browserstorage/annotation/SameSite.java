package dev.browserstorage.annotation;

/**
 * The {@code SameSite} attribute of a cookie: when the browser attaches the cookie to a request that
 * another site started.
 *
 * <p>Browsers treat a cookie without the attribute as {@link #LAX}; this library always writes the
 * attribute so the behaviour does not depend on the browser's default.
 */
public enum SameSite {
    /** Sent only with requests that start on this site: a link from another site arrives without it. */
    STRICT("Strict"),
    /**
     * Sent with requests from this site and with top-level navigations (following a link) from other
     * sites, but not with their sub-requests (images, frames, {@code fetch}). The default.
     */
    LAX("Lax"),
    /**
     * Sent with every request, from any site. Browsers refuse a {@code SameSite=None} cookie that is
     * not also {@code Secure}, so this library does too.
     */
    NONE("None");

    private final String attributeValue;

    SameSite(String attributeValue) {
        this.attributeValue = attributeValue;
    }

    /**
     * The value as it appears in a {@code Set-Cookie} header and in the Cookie Store API:
     * {@code Strict}, {@code Lax} or {@code None}.
     *
     * @return the attribute value
     */
    public String attributeValue() {
        return attributeValue;
    }
}
