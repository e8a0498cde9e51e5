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
}
