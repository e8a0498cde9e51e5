package dev.browserstorage.store;

/**
 * One step of a versioned store's migrations: turns its values of one version into the next one's.
 * Generated stores hold the app's {@code @Migration} methods as these.
 */
@FunctionalInterface
public interface StoreMigration {
    /**
     * Changes the values in place.
     *
     * @param values the store's values, at the version this step reads
     * @throws Exception to leave every value of the store as it was (it then reads as the default)
     */
    void migrate(StoredValues values) throws Exception;
}
