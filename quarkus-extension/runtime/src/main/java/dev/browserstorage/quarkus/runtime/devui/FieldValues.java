package dev.browserstorage.quarkus.runtime.devui;

import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.ValueDecodingException;
import dev.browserstorage.store.StoreAccess;
import dev.browserstorage.store.StoreField;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Reads a field's stored text the way a typed read does, without a typed read's side effects (a
 * read of an expired value removes it from the browser), and turns the page's JSON text into a
 * typed write.
 */
final class FieldValues {
    private FieldValues() {}

    /**
     * @param field the field
     * @param stored the text the browser holds for it, or {@code null}
     * @param nowMillis the session clock's time, to tell expired values
     * @return the field's value as the Dev UI shows it
     */
    static <T> BrowserView.FieldValue read(StoreField<T> field, String stored, long nowMillis) {
        String type = field.codec().typeName();
        String fallback = field.defaultText().orElse("null");
        if (stored == null) {
            return new BrowserView.FieldValue(field.name(), field.key(), type, false, null, fallback, null, null);
        }
        if (Snapshot.OVER_LIMIT.equals(stored)) {
            return new BrowserView.FieldValue(
                    field.name(),
                    field.key(),
                    type,
                    true,
                    null,
                    fallback,
                    null,
                    "the browser holds a value over max-value-bytes (not sent to the server); reads as the default");
        }
        try {
            if (field.expires()) {
                Expiring<T> held = Expiring.decode(field.codec(), stored);
                String expiresAt = Instant.ofEpochMilli(held.expiresAtMillis()).toString();
                if (held.isExpiredAt(nowMillis)) {
                    return new BrowserView.FieldValue(
                            field.name(),
                            field.key(),
                            type,
                            true,
                            stored,
                            fallback,
                            expiresAt,
                            "expired; reads as the default");
                }
                return new BrowserView.FieldValue(
                        field.name(),
                        field.key(),
                        type,
                        true,
                        stored,
                        json(field, held.value(), fallback),
                        expiresAt,
                        null);
            }
            T value = field.storedCodec().decode(stored);
            return new BrowserView.FieldValue(
                    field.name(), field.key(), type, true, stored, json(field, value, fallback), null, null);
        } catch (ValueDecodingException e) {
            return new BrowserView.FieldValue(
                    field.name(),
                    field.key(),
                    type,
                    true,
                    stored,
                    fallback,
                    null,
                    "not a valid " + type + " (" + e.getMessage() + "); reads as the default");
        }
    }

    /** A stored JSON {@code null} reads as the default, as {@link StoreAccess} reads it. */
    private static <T> String json(StoreField<T> field, T value, String fallback) {
        return value == null ? fallback : field.codec().encode(value);
    }

    /**
     * Writes a field from JSON text, as the application's own {@code set} would: encoded by the
     * field's codec, with the field's lifetime or cookie attributes.
     *
     * @param access the store, bound to the browser (or tab) to write
     * @param field the field
     * @param json the new value as JSON text; {@code null} removes the key
     * @return completes when the browser has stored it
     * @throws IllegalArgumentException if the text is not a value of the field's type; nothing is sent
     */
    static <T> CompletionStage<Void> write(StoreAccess access, StoreField<T> field, String json) {
        T value;
        try {
            value = field.codec().decode(json);
        } catch (ValueDecodingException e) {
            throw new IllegalArgumentException(
                    "'" + json + "' is not a value of " + field.name() + " ("
                            + field.codec().typeName() + "): " + e.getMessage()
                            + ". Give it as JSON, such as \"text\", 42, true,"
                            + " [\"a\"] or {\"k\":1}; nothing was sent.",
                    e);
        }
        return access.set(field, value);
    }
}
