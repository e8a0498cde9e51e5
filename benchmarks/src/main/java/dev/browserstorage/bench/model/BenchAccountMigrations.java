package dev.browserstorage.bench.model;

import dev.browserstorage.annotation.Migration;
import dev.browserstorage.store.StoredValues;

/** The one migration of {@link BenchAccount}: version 1 called the level {@code tier}. */
final class BenchAccountMigrations {
    private BenchAccountMigrations() {}

    @Migration(from = 1)
    static void tierBecameLevel(StoredValues values) {
        values.rename("tier", "level");
    }
}
