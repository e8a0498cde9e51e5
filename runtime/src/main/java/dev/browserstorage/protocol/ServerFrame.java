package dev.browserstorage.protocol;

import dev.browserstorage.browser.HttpOnlyCommits;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A frame the server sends, as {@code docs/protocol.md} defines it. A record holds everything its
 * text needs, so that {@link Frames#write(ServerFrame)} only serializes: anything that costs more
 * (minting commit URLs) is done before, when the record is made.
 */
public sealed interface ServerFrame {
    /** @return the frame's text */
    default String toJson() {
        return Frames.write(this);
    }

    /**
     * {@code welcome}: the hello is accepted. It does not carry the browser's id: that id is the
     * value of an HttpOnly cookie, and the page's script must never see it.
     *
     * @param app the app's id
     * @param tab the tab's id, which the tab keeps for its next hello
     */
    record Welcome(String app, String tab) implements ServerFrame {}

    /**
     * {@code error}: a frame was refused.
     *
     * @param code the error's code
     * @param message what is wrong
     */
    record Error(String code, String message) implements ServerFrame {}

    /**
     * {@code batch}: a write batch. An HttpOnly cookie write travels as a commit URL and no value,
     * which stays on the server.
     *
     * @param batch the batch
     * @param tab true for a batch of the tab's own (its sessionStorage), whose ids count apart
     * @param commitUrls per write of the batch, its commit URL, or {@code null} for a write that
     *     carries its value
     */
    record Batch(WriteBatch batch, boolean tab, List<String> commitUrls) implements ServerFrame {
        /** Checks that there is one entry per write. */
        public Batch {
            Objects.requireNonNull(batch, "batch");
            commitUrls = Collections.unmodifiableList(new ArrayList<>(commitUrls));
            if (commitUrls.size() != batch.writes().size()) {
                throw new IllegalArgumentException("One commit URL (or null) per write");
            }
        }

        /**
         * The frame of a batch, minting a fresh commit URL for each HttpOnly cookie write: an HMAC
         * and an entry in the issuer's table, so not under a browser's lock.
         *
         * @param batch the batch
         * @param tab true for a batch of the tab's own
         * @param browserId the browser the commit URLs are for
         * @param commits issues the commit URLs; {@code null} where there is none (the browser then
         *     never accepts HttpOnly writes, and every write carries its value)
         * @return the frame
         */
        public static Batch minting(WriteBatch batch, boolean tab, String browserId, HttpOnlyCommits commits) {
            List<String> urls = new ArrayList<>(batch.writes().size());
            for (Write write : batch.writes()) {
                boolean httpOnly =
                        write.cookieOptions() != null && write.cookieOptions().httpOnly();
                urls.add(
                        httpOnly && commits != null
                                ? commits.commitUrl(browserId, write.key(), write.value(), write.cookieOptions())
                                : null);
            }
            return new Batch(batch, tab, urls);
        }
    }

    /**
     * {@code batches}: several batches written in the same moment, sent as one message. The browser
     * applies and answers each in order, as if they had come one by one.
     *
     * @param batches the batches, in id order
     */
    record Batches(List<Batch> batches) implements ServerFrame {
        /** Copies the list. */
        public Batches {
            batches = List.copyOf(batches);
        }
    }
}
