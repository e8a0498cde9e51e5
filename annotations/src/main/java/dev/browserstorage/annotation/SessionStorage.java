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

    /**
     * The version of this store's shape. Raise it when a change of the POJO would make values that
     * browsers already hold read wrongly (a field renamed, its type changed), and declare in {@link
     * #migrations()} how values of each older version become values of the next. Values of version 1
     * carry no mark; every later version is kept in the browser as the key {@code <app>:<namespace>}.
     * Default 1.
     *
     * @return the version, at least 1
     */
    int version() default 1;

    /**
     * The class whose static {@link Migration} methods turn values of each older version into the
     * next one's. Needed when {@link #version()} is over 1; the processor checks that its migrations
     * cover every step from the oldest one up to {@link #version()}, without a gap or a duplicate.
     * Default: none ({@code void.class}).
     *
     * @return the migrations' class
     */
    Class<?> migrations() default void.class;
}
