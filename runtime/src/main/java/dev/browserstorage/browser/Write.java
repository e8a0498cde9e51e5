package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import dev.browserstorage.cookie.CookieOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to the browser's storage: set a key to a text, or remove it.
 *
 * @param area where
 * @param key the key as the browser stores it (with the app's prefix for localStorage and
 *     sessionStorage; the cookie name for cookies)
 * @param value the new stored text, or {@code null} to remove the key
 * @param cookieOptions the cookie's attributes (cookies only; for a removal the path and domain it
 *     was set with), {@code null} for the other areas
 */
public record Write(StorageArea area, String key, String value, CookieOptions cookieOptions) {

    /** Checks that the area and key are given and that only cookies carry cookie options. */
    public Write {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(key, "key");
        if (area == StorageArea.COOKIE) {
            Objects.requireNonNull(cookieOptions, "cookieOptions");
        } else if (cookieOptions != null) {
            throw new IllegalArgumentException("Only cookie writes carry cookie options, not " + area);
        }
    }

    /**
     * Sets a localStorage or sessionStorage key.
     *
     * @param area {@link StorageArea#LOCAL} or {@link StorageArea#SESSION}
     * @param key the key, with the app's prefix
     * @param value the stored text
     * @return the write
     */
    public static Write set(StorageArea area, String key, String value) {
        return new Write(area, key, Objects.requireNonNull(value, "value"), null);
    }

    /**
     * Removes a localStorage or sessionStorage key.
     *
     * @param area {@link StorageArea#LOCAL} or {@link StorageArea#SESSION}
     * @param key the key, with the app's prefix
     * @return the write
     */
    public static Write remove(StorageArea area, String key) {
        return new Write(area, key, null, null);
    }

    /**
     * Sets a cookie.
     *
     * @param name the cookie name
     * @param value the cookie value, already in cookie form
     * @param options its attributes
     * @return the write
     */
    public static Write setCookie(String name, String value, CookieOptions options) {
        return new Write(StorageArea.COOKIE, name, Objects.requireNonNull(value, "value"), options);
    }

    /**
     * Deletes a cookie.
     *
     * @param name the cookie name
     * @param options the attributes it was set with (path and domain must match for the browser to
     *     delete it)
     * @return the write
     */
    public static Write deleteCookie(String name, CookieOptions options) {
        return new Write(StorageArea.COOKIE, name, null, options);
    }

    /** @return true if this write removes the key */
    public boolean isRemoval() {
        return value == null;
    }

    /** @return the new text, if this write sets one */
    public Optional<String> newValue() {
        return Optional.ofNullable(value);
    }
}
