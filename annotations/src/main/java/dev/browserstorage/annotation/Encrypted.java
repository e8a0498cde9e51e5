package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Encrypts the values of a field, or of every field of a store: page scripts (and extensions, and
 * anyone reading the browser's storage) cannot read them, and nobody without the server's keys can
 * make one the server accepts.
 *
 * <p>The stored text is the value sealed with AES-256-GCM under the app's newest key ({@code
 * quarkus.browser-storage.keys}), bound to the field's area and key, so a value copied to another
 * key, edited, or expired (where the field has a lifetime: {@link Ttl}, {@link Cookie#maxAge()})
 * reads as the default, with a warning and a typed event.
 *
 * <p>For localStorage, sessionStorage and cookies. An encrypted field is not in the typed JavaScript
 * store and cannot be bound with {@code data-storage}: the build fails on a page that binds one.
 * Not with {@link Signed}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Encrypted {}
