/**
 * Untyped access to a browser's storage, for code without a typed store: {@link
 * dev.browserstorage.untyped.BrowserLocalStorage}, {@link
 * dev.browserstorage.untyped.BrowserSessionStorage} (keys and JSON values, as the Web Storage API
 * has them) and {@link dev.browserstorage.untyped.BrowserCookies} (the Cookie Store API's
 * operations, with {@link dev.browserstorage.untyped.CookieChangeEvent}s). They sit on top of the
 * core ({@code browser}, {@code cookie}, {@code codec}); the root package {@code dev.browserstorage}
 * holds what every package shares (the exceptions, {@code StorageArea}, {@code Registration}) and
 * depends on none of them.
 */
package dev.browserstorage.untyped;
