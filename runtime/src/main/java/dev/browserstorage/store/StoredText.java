package dev.browserstorage.store;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.Utf8;
import dev.browserstorage.codec.ValueDecodingException;
import java.time.Duration;

/**
 * A field's stored text and its typed value, both ways: the envelope of a value with a lifetime,
 * the cookie form, and the refusal of a text no write of ours could have stored.
 */
final class StoredText {
    private static final System.Logger LOG = System.getLogger(StoreAccess.class.getName());

    private StoredText() {}

    /**
     * A decoded stored text, memoised on the stored value it came from.
     *
     * @param field the field it was decoded for
     * @param value the value, or the field's default where the text was unreadable
     * @param expiresAtMillis when it expires, {@code Long.MAX_VALUE} for never
     * @param valid false where the text was unreadable and the default stands in
     */
    record Decoded(StoreField<?> field, Object value, long expiresAtMillis, boolean valid) {
        boolean expiredAt(long nowMillis) {
            return expiresAtMillis != Long.MAX_VALUE && nowMillis >= expiresAtMillis;
        }
    }

    /**
     * Decodes a stored text; one over {@code maxValueBytes} (for localStorage and sessionStorage,
     * where the caller has the browser's limit at hand) reads as the default, with a warning.
     */
    static <T> Decoded decode(StoreField<T> field, String browserKey, String text, long maxValueBytes) {
        String where = "Stored value of " + field.area().wireName() + " key '" + browserKey + "'";
        if (field.area() != StorageArea.COOKIE) {
            if (Snapshot.OVER_LIMIT.equals(text)) {
                return unreadable(
                        field,
                        where + " was over the limit of " + maxValueBytes
                                + " bytes when the browser reported it, reading the default instead");
            }
            // A value no write of ours could have stored (edited by hand, or by another script) is
            // not handed to the application, however well it decodes.
            long bytes = Utf8.length(text);
            if (bytes > maxValueBytes) {
                return unreadable(
                        field,
                        where + " is " + bytes + " bytes, over the limit of " + maxValueBytes
                                + ", reading the default instead");
            }
        }
        try {
            Expiring<T> value = decodeText(field, text);
            return new Decoded(
                    field, value.value() == null ? field.defaultValue() : value.value(), value.expiresAtMillis(), true);
        } catch (ValueDecodingException e) {
            return unreadable(
                    field,
                    where + " is not a valid " + field.codec().typeName() + ", reading the default instead: "
                            + e.getMessage());
        }
    }

    private static Decoded unreadable(StoreField<?> field, String warning) {
        LOG.log(System.Logger.Level.WARNING, warning);
        return new Decoded(field, field.defaultValue(), Long.MAX_VALUE, false);
    }

    /**
     * A change of a field's stored text as typed values: the default where absent, expired or
     * unreadable.
     */
    @SuppressWarnings("unchecked")
    static <T> ValueChange<T> typed(
            StoreField<T> field, String browserKey, StorageChange change, StorageTarget browser) {
        return new ValueChange<>(
                field.name(),
                (T) valueOf(field, browserKey, change.oldValue(), browser),
                (T) valueOf(field, browserKey, change.newValue(), browser),
                change.source());
    }

    private static Object valueOf(StoreField<?> field, String browserKey, String text, StorageTarget browser) {
        if (text == null) {
            return field.defaultValue();
        }
        Decoded decoded = decode(field, browserKey, text, browser.limits().maxValueBytes());
        return decoded.expiredAt(browser.clock().millis()) ? field.defaultValue() : decoded.value();
    }

    /** Decodes a stored text as it is: an expiry envelope for fields with a lifetime. */
    static <T> Expiring<T> decodeText(StoreField<T> field, String text) {
        if (field.expires()) {
            return Expiring.decode(field.codec(), text);
        }
        return new Expiring<>(field.storedCodec().decode(text), Long.MAX_VALUE);
    }

    /** The text a value is stored as: in an expiry envelope where it has a lifetime. */
    static <T> String encode(StoreField<T> field, T value, Duration ttl, long nowMillis) {
        if (field.area() != StorageArea.COOKIE && (ttl != null || field.expires())) {
            Duration lifetime = ttl != null ? ttl : field.ttl().orElseThrow();
            return Expiring.encode(field.codec(), value, nowMillis + lifetime.toMillis());
        }
        return field.storedCodec().encode(value);
    }
}
