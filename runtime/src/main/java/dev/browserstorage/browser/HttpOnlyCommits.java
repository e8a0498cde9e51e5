package dev.browserstorage.browser;

import dev.browserstorage.cookie.CookieOptions;

/**
 * Issues commit URLs for HttpOnly cookies written over the sync socket. Script cannot set an
 * HttpOnly cookie, so such a write travels to the glue as a URL instead of a value: the glue
 * requests it, and the server's response carries the {@code Set-Cookie} header. The value stays on
 * the server and never passes through JavaScript nor any WebSocket frame.
 *
 * <p>A URL is short-lived, single-use and bound to one browser; a framework adapter signs it and
 * serves it (the Quarkus extension under {@code <path>/cookie/<token>}). A session without an issuer
 * refuses HttpOnly writes outside an HTTP request.
 */
@FunctionalInterface
public interface HttpOnlyCommits {
    /**
     * A fresh URL whose response sets (or deletes) one HttpOnly cookie in one browser. Called each
     * time a batch is sent, so a batch sent again after a reconnect carries a URL that is still
     * valid.
     *
     * @param browserId the browser the URL is for; it works for no other
     * @param name the cookie name
     * @param value the cookie value, or {@code null} to delete the cookie
     * @param options the cookie's attributes
     * @return the URL, absolute or relative to the site's root
     */
    String commitUrl(String browserId, String name, String value, CookieOptions options);
}
