package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Signs the values of a field, or of every field of a store: page scripts can read them, but nobody
 * without the server's keys can make one the server accepts. For values the server must trust (a
 * role, a price, a consent record).
 *
 * <p>The stored text is the value with an HMAC-SHA256 tag made with the app's newest key
 * ({@code quarkus.browser-storage.keys}), bound to the field's area and key, so a value copied to
 * another key, edited, or expired (where the field has a lifetime: {@link Ttl}, {@link
 * Cookie#maxAge()}) reads as the default, with a warning and a typed event. Page scripts see the
 * value through the typed JavaScript store and bound fields, read-only.
 *
 * <p>For localStorage, sessionStorage and cookies. Not with {@link Encrypted} (which also
 * authenticates).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Signed {}
