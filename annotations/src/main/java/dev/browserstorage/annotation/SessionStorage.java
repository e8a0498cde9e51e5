package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the fields of the annotated class or record in the browser's {@code sessionStorage}: one key
 * per field, private to one tab, kept across reloads of that tab and dropped when the tab closes.
 *
 * <p>Everything else is as for {@link LocalStorage}: the generated {@code <Name>Store}, the key
 * {@code <app>:<namespace>.<field>}, JSON values and the per-app budget (sessionStorage has its own,
 * separate from localStorage's).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SessionStorage {
    /**
     * The namespace of this store's keys: letters, digits, {@code _} and {@code -}. Empty (the
     * default) means the class's simple name with its first letter in lower case.
     *
     * @return the namespace
     */
    String value() default "";
}
