package dev.browserstorage.quarkus.deployment.protect;

import dev.browserstorage.annotation.Migration;
import dev.browserstorage.store.StoredValues;

/** The migrations of {@link Profile}. */
final class ProfileMigrations {
    private ProfileMigrations() {}

    /** 1 to 2: {@code colour} became {@code color}. */
    @Migration(from = 1)
    static void renameColour(StoredValues values) {
        values.rename("colour", "color");
    }
}
