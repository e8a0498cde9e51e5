package dev.browserstorage.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.annotation.Migration;
import dev.browserstorage.store.StoredValues;
import java.util.Locale;

/** How {@link ReaderSettings} values of older versions become the current ones. */
final class ReaderSettingsMigrations {
    private ReaderSettingsMigrations() {}

    /** Version 1 to 2: {@code font} became {@code fontFamily}, {@code lineSpacing} a {@code lineHeight} in percent. */
    @Migration(from = 1)
    static void fontFamilyAndLineHeight(StoredValues values) {
        values.rename("font", "fontFamily");
        values.update("fontFamily", old -> old.asText().toLowerCase(Locale.ROOT));
        values.rename("lineSpacing", "lineHeight");
        values.update("lineHeight", ReaderSettingsMigrations::percent);
    }

    private static int percent(JsonNode lineSpacing) {
        return switch (lineSpacing.asText()) {
            case "compact" -> 120;
            case "relaxed" -> 180;
            default -> 150;
        };
    }
}
