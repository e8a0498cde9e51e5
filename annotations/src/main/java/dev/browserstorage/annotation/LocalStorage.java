package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the fields of the annotated class or record in the browser's {@code localStorage}: one key
 * per field, kept across tabs, windows and browser restarts until the user or the page clears it.
 *
 * <p>The processor generates {@code <Name>Store} in the same package, with a typed getter, setter and
 * remover per field. The key of a field is {@code <app>:<namespace>.<field>}, where {@code <app>} is
 * configured per application and {@code <field>} is the field name or its {@link Key}.
 *
 * <pre>{@code
 * @LocalStorage("prefs")
 * public class Preferences {
 *     public String theme = "light";   // key "<app>:prefs.theme", default "light"
 *     public int fontSize = 14;
 * }
 * }</pre>
 *
 * <p>Browsers give one origin about 5 MiB of localStorage (counted in UTF-16 code units of keys and
 * values); the generated store refuses a write that would pass the app's budget before anything is
 * sent. Values are JSON.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LocalStorage {
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
