package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the name a field is stored under.
 *
 * <p>In a {@link LocalStorage} or {@link SessionStorage} store it replaces the last part of the key
 * ({@code <app>:<namespace>.<value>}); it may use letters, digits, {@code _} and {@code -}. In a
 * {@link Cookie} store it is the whole cookie name, without the type's prefix, and must be a name
 * browsers accept (no {@code =}, {@code ;}, white space or control characters).
 *
 * <p>On a bean property, put it on the field or on the getter.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Key {
    /**
     * The key's last part, or the cookie's name.
     *
     * @return the name
     */
    String value();
}
