package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Turns a store's values of one version into values of the next: a static method of the class a
 * store names in {@code migrations}, taking the values as {@code dev.browserstorage.store.StoredValues}
 * and returning nothing.
 *
 * <pre>{@code
 * @LocalStorage(value = "prefs", version = 3, migrations = PreferencesMigrations.class)
 * public class Preferences { public String color = "blue"; public int fontSize = 14; }
 *
 * final class PreferencesMigrations {
 *     @Migration(from = 1)   // 1 -> 2: "colour" became "color"
 *     static void renameColour(StoredValues values) {
 *         values.rename("colour", "color");
 *     }
 *
 *     @Migration(from = 2)   // 2 -> 3: "fontSize" was "small" | "large"
 *     static void fontSizeInPixels(StoredValues values) {
 *         values.update("fontSize", old -> old.asText().equals("large") ? 18 : 14);
 *     }
 * }
 * }</pre>
 *
 * <p>A browser holding values of an older version has them migrated, step by step, when it first
 * connects, before any read of the server sees them; the result is written back to the browser.
 * Migrations must be accessible from the store's package and must not be private.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Migration {
    /**
     * The version this migration reads; it writes version {@code from + 1}.
     *
     * @return the version it migrates from, at least 1
     */
    int from();
}
