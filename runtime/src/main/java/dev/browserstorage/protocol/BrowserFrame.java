package dev.browserstorage.protocol;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.StorageArea;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A frame the browser sends, as {@code docs/protocol.md} defines it, read and checked by {@link
 * FrameReader}: a record's fields are the frame's, already of the right type and within the limits.
 */
public sealed interface BrowserFrame {
    /**
     * {@code hello}: the first frame of a connection, with what the browser and the tab hold.
     *
     * @param page the page that opened the socket, or {@code null} if the hello names none
     * @param local the browser's localStorage keys of the app
     * @param session the tab's sessionStorage keys of the app
     * @param cookies the page's cookies, name to value
     * @param applied the highest batch id of the browser the glue applied, or -1 if it names none
     * @param tabApplied the same for the tab's own batches
     * @param failed the browser's batches the glue could not apply, by id
     * @param tabFailed the tab's batches the glue could not apply, by id
     * @param tab the tab the hello names, or {@code null} for a new tab
     * @param resume whether the hello resumes its tab (a reconnect, or the next page of the same tab)
     */
    record Hello(
            URI page,
            Map<String, String> local,
            Map<String, String> session,
            Map<String, String> cookies,
            long applied,
            long tabApplied,
            Map<Long, BrowserStorageException> failed,
            Map<Long, BrowserStorageException> tabFailed,
            String tab,
            boolean resume)
            implements BrowserFrame {}

    /**
     * {@code ack}: the browser applied a batch.
     *
     * @param id the batch's id
     * @param tab whether it is a batch of the tab's own
     */
    record Ack(long id, boolean tab) implements BrowserFrame {}

    /**
     * {@code fail}: the browser could not apply a batch.
     *
     * @param id the batch's id
     * @param tab whether it is a batch of the tab's own
     * @param error the typed error the batch's stage fails with
     */
    record Fail(long id, boolean tab, BrowserStorageException error) implements BrowserFrame {
        /** Checks that the error is given. */
        public Fail {
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * {@code change}: the browser changed a key by itself.
     *
     * @param area the area
     * @param key the browser's key
     * @param value the new text, or {@code null} if the key was removed
     */
    record Change(StorageArea area, String key, String value) implements BrowserFrame {
        /** Checks that the area and key are given. */
        public Change {
            Objects.requireNonNull(area, "area");
            Objects.requireNonNull(key, "key");
        }
    }
}
