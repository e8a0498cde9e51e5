/**
 * Cookies as browsers accept them: {@link dev.browserstorage.cookie.CookieOptions} (a cookie's
 * attributes), {@link dev.browserstorage.cookie.CookieRules} (refuses, before anything is sent, a
 * cookie the browser would drop or alter, naming the broken {@link dev.browserstorage.cookie.CookieRule})
 * and {@link dev.browserstorage.cookie.SetCookieHeader} (the HTTP rendering).
 */
package dev.browserstorage.cookie;
