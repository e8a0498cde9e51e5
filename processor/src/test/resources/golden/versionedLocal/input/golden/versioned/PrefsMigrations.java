package golden.versioned;

import dev.browserstorage.annotation.Migration;
import dev.browserstorage.store.StoredValues;

/** Declared newest first: the store runs them oldest first. */
final class PrefsMigrations {
    private PrefsMigrations() {}

    /** 2 -> 3: "fontSize" was "small" or "large". */
    @Migration(from = 2)
    static void fontSizeInPixels(StoredValues values) throws Exception {
        values.update("fontSize", old -> old.asText().equals("large") ? 18 : 14);
    }

    /** 1 -> 2: "colour" became "color". */
    @Migration(from = 1)
    public static void renameColour(StoredValues values) {
        values.rename("colour", "color");
    }
}
