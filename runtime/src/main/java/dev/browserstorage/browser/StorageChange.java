package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import java.util.Optional;

/**
 * One key's value changed, as a reader of the session sees it.
 *
 * @param area the storage area
 * @param key the key as the browser stores it (for localStorage and sessionStorage with the app's
 *     prefix, for cookies the cookie name)
 * @param oldValue the stored text before, or {@code null} if the key was absent
 * @param newValue the stored text after, or {@code null} if the key is now absent
 * @param source why it changed
 */
public record StorageChange(StorageArea area, String key, String oldValue, String newValue, ChangeSource source) {

    /** @return the stored text before, if there was one */
    public Optional<String> previous() {
        return Optional.ofNullable(oldValue);
    }

    /** @return the stored text after, if there is one */
    public Optional<String> current() {
        return Optional.ofNullable(newValue);
    }

    /** @return true if the key is now absent */
    public boolean isRemoval() {
        return newValue == null;
    }
}
