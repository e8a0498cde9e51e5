package dev.browserstorage.session;

import java.util.List;

/**
 * Writes that go to the browser together, under one id, and are acknowledged together. The browser
 * applies a batch at most once: a batch sent again after a reconnect carries the same id.
 *
 * @param id increasing per session, starting at 1
 * @param writes the writes, applied in order
 */
public record WriteBatch(long id, List<Write> writes) {

    /** Copies the writes so the batch cannot change after it is made. */
    public WriteBatch {
        writes = List.copyOf(writes);
    }
}
