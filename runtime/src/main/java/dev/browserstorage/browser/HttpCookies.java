package dev.browserstorage.browser;

import dev.browserstorage.cookie.CookieOptions;
import java.net.URI;
import java.util.Optional;

/**
 * The cookies of an HTTP exchange in progress: what its request carries, and {@code Set-Cookie}
 * headers on its response. Where a store call happens inside such an exchange, cookie fields use it
 * instead of the sync socket: the browser sends its cookies with every request, so they are known
 * without the glue, and a {@code Set-Cookie} header can carry attributes script cannot set
 * ({@code HttpOnly}).
 */
public interface HttpCookies {
    /** @return the request's absolute URL, which the cookie rules check domains and schemes against */
    URI requestUrl();

    /**
     * A cookie's value as the browser will hold it after this exchange: set or deleted earlier in
     * this exchange, else as the request carries it.
     *
     * @param name the cookie name
     * @return its value, or empty if the browser has (or will have) none
     */
    Optional<String> cookie(String name);

    /**
     * Every cookie as the browser will hold it after this exchange (the request's, with this
     * exchange's writes over them), without the ones the framework keeps for itself (such as the
     * browser id).
     *
     * @return names to values, sorted; the default knows none
     */
    default java.util.SortedMap<String, String> cookies() {
        return java.util.Collections.emptySortedMap();
    }

    /**
     * Adds a {@code Set-Cookie} header to the response.
     *
     * @param name the cookie name
     * @param value its value, already in cookie form
     * @param options its attributes
     * @throws IllegalStateException if the response's headers are already sent
     */
    void setCookie(String name, String value, CookieOptions options);

    /**
     * Adds a {@code Set-Cookie} header that deletes a cookie (same path and domain, {@code Max-Age=0}).
     *
     * @param name the cookie name
     * @param options the attributes it was set with
     * @throws IllegalStateException if the response's headers are already sent
     */
    void deleteCookie(String name, CookieOptions options);
}
