package dev.browserstorage.store;

import dev.browserstorage.browser.ChangeSource;

/**
 * A typed field's value changed, as server code sees it. Absent values appear as the field's
 * default, exactly as its getter would return them.
 *
 * @param field the Java field name
 * @param oldValue the value before
 * @param newValue the value after
 * @param source why it changed
 * @param <T> the field's type
 */
public record ValueChange<T>(String field, T oldValue, T newValue, ChangeSource source) {}
