/**
 * Cookies as browsers accept them: {@link dev.browserstorage.cookie.CookieOptions} (a cookie's
 * attributes), {@link dev.browserstorage.cookie.CookieRules} (refuses, before anything is sent, a
 * cookie the browser would drop or alter, naming the broken {@link dev.browserstorage.cookie.CookieRule}
 * in an {@link dev.browserstorage.cookie.InvalidCookieException}), {@link
 * dev.browserstorage.cookie.CookieWritePolicy} (the one policy every server write of a cookie passes),
 * {@link dev.browserstorage.cookie.CookieHeader} (the one reader of a {@code Cookie} header) and
 * {@link dev.browserstorage.cookie.SetCookieHeader} (the HTTP rendering). Depends on the root
 * package's exceptions only, never on the browser's state.
 */
package dev.browserstorage.cookie;
