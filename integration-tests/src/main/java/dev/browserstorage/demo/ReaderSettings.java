package dev.browserstorage.demo;

import dev.browserstorage.annotation.LocalStorage;

/**
 * How the reading pane looks, bound on the settings page. Version 2 of its shape: version 1 (the
 * demo's first release) kept {@code font} ("Serif" or "Sans") and {@code lineSpacing} ("compact",
 * "normal" or "relaxed"); {@link ReaderSettingsMigrations} turns a browser's version-1 values into
 * these when it connects, before any read sees them.
 */
@LocalStorage(value = "reader", version = 2, migrations = ReaderSettingsMigrations.class)
public class ReaderSettings {
    /** {@code serif}, {@code sans} or {@code mono}. */
    public String fontFamily = "serif";

    /** Line height in percent of the font size, 100 to 200. */
    public int lineHeight = 150;
}
