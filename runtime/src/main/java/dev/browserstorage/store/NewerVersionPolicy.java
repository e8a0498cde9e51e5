package dev.browserstorage.store;

/**
 * What a server does with a store whose values a newer version of the app wrote (after a rollback
 * deploy): values it cannot know the shape of.
 */
public enum NewerVersionPolicy {
    /**
     * Keep them untouched for the newer version: every field reads as its default, and a write to
     * the store fails with {@link StoreVersionException}. The default.
     */
    KEEP,
    /** Drop them: the store's values are removed when the browser connects, and it starts afresh at this version. */
    RESET
}
