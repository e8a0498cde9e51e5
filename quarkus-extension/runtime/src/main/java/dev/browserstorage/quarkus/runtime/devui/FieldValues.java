package dev.browserstorage.quarkus.runtime.devui;

import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.ValueDecodingException;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.SealException;
import dev.browserstorage.protect.ValueProtection;
import dev.browserstorage.store.StoreAccess;
import dev.browserstorage.store.StoreField;
import java.time.Instant;
import java.util.Locale;
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
     * @param protection the keys that open a protected field's sealed text (shown opened, as the
     *     server reads it: the Dev UI is the developer's own server)
     * @return the field's value as the Dev UI shows it
     */
    static <T> BrowserView.FieldValue read(
            StoreField<T> field, String stored, long nowMillis, ValueProtection protection) {
        String fallback = field.defaultText().orElse("null");
        if (stored == null) {
            return new BrowserView.FieldValue(
                    field.name(), field.key(), field.codec().typeName(), false, null, fallback, null, null);
        }
        if (Snapshot.OVER_LIMIT.equals(stored)) {
            return held(
                    field,
                    null,
                    fallback,
                    null,
                    "the browser holds a value over max-value-bytes (not sent to the server); reads as the default");
        }
        String text = stored;
        if (field.protection() != Protection.NONE) {
            try {
                text = protection
                        .keys()
                        .open(field.sealBinding(), stored, nowMillis)
                        .text();
            } catch (SealException e) {
                return held(
                        field,
                        stored,
                        fallback,
                        null,
                        "a " + field.protection().name().toLowerCase(Locale.ROOT) + " value that does not open ("
                                + e.reason() + "); reads as the default");
            }
        }
        try {
            if (field.expires()) {
                Expiring<T> expiring = Expiring.decode(field.codec(), text);
                String expiresAt =
                        Instant.ofEpochMilli(expiring.expiresAtMillis()).toString();
                return expiring.isExpiredAt(nowMillis)
                        ? held(field, stored, fallback, expiresAt, "expired; reads as the default")
                        : held(field, stored, json(field, expiring.value(), fallback), expiresAt, null);
            }
            return held(field, stored, json(field, field.storedCodec().decode(text), fallback), null, null);
        } catch (ValueDecodingException e) {
            return held(
                    field,
                    stored,
                    fallback,
                    null,
                    "not a valid " + field.codec().typeName() + " (" + e.getMessage() + "); reads as the default");
        }
    }

    /** A field whose key the browser holds (its text is {@code null} where it was over the limit). */
    private static BrowserView.FieldValue held(
            StoreField<?> field, String stored, String json, String expiresAt, String problem) {
        return new BrowserView.FieldValue(
                field.name(), field.key(), field.codec().typeName(), true, stored, json, expiresAt, problem);
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
