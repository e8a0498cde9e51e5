package dev.browserstorage.store;

import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Write;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.ValueDecodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Field changes sent together, as one batch with one acknowledgement. A field is sent only if its
 * new value differs from what a reader sees now (absent fields compare with their default), so
 * writing back an unchanged object sends nothing. A generated store's {@code set(pojo)} and {@code
 * update} use one ({@link StoreAccess#batch()}).
 */
public final class FieldBatch {
    private final StoreAccess access;
    private final StorageTarget browser;
    private final List<Write> writes = new ArrayList<>();

    FieldBatch(StoreAccess access) {
        this.access = access;
        this.browser = access.browser();
    }

    /**
     * Adds a field's value if it differs from what a reader sees now.
     *
     * @param field the field
     * @param value the new value, or {@code null} to remove it
     * @param <T> its type
     * @return this batch
     */
    public <T> FieldBatch set(StoreField<T> field, T value) {
        String stored = access.currentText(field);
        if (value == null) {
            if (stored != null) {
                writes.add(access.removal(field));
            }
            return this;
        }
        String newJson = field.codec().encode(value);
        if (!newJson.equals(currentJson(field, stored))) {
            writes.add(access.write(field, value, field.ttl().orElse(null)));
        }
        return this;
    }

    private <T> String currentJson(StoreField<T> field, String stored) {
        if (stored == null) {
            return field.defaultText().orElse(null);
        }
        // A protected value that does not open is as unreadable: any value repairs it.
        String plain = StoredText.opened(
                field, stored, browser.protection(), browser.clock().millis());
        if (plain == null) {
            return null;
        }
        try {
            Expiring<T> current = StoredText.decodeText(field, plain);
            if (current.value() == null || current.isExpiredAt(browser.clock().millis())) {
                return field.defaultText().orElse(null);
            }
            return field.codec().encode(current.value());
        } catch (ValueDecodingException e) {
            return null; // unreadable: any value repairs it
        }
    }

    /** @return how many fields this batch will send */
    public int size() {
        return writes.size();
    }

    /**
     * Sends the changed fields, if any.
     *
     * @return completes when the browser has stored them (at once if nothing changed)
     */
    public CompletionStage<Void> commit() {
        return access.send(writes);
    }
}
