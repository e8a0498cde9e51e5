package dev.browserstorage.protocol;

/**
 * The answers a connection owes: the ids of the batches the server sent it and it has not answered
 * yet, the browser's and its tab's apart, in the order they were sent. An {@code ack} or {@code
 * fail} ({@link FrameReader#answeredBatch}) of one of them is an answer the server asked for, and
 * the sync endpoint does not take it from the connection's {@link MessageRate}; every other frame
 * is taken from the rate as before. So a page the server writes to faster than the rate (a live
 * dashboard) stays connected, and a client gains nothing by answering: every free frame answers a
 * distinct batch the server sent, once.
 *
 * <p>Credits come only from {@link #sent}, with the frames as they leave for the socket; an answer
 * for an id never sent, or answered already, is no answer. The glue answers in the order it
 * receives: an answer for a later id gives up the credits of the ids before it, whose answers are
 * then taken from the rate. At most {@code capacity} ids wait per side; past it the oldest is given
 * up, so a client that never answers pins no more than that. Thread safe: frames are sent from any
 * thread, while the socket's frames arrive on its event loop.
 */
public final class AnswerCredits {
    /** How every batch begins in a frame of {@link Frames#write}: {@code t} first, then {@code id}. */
    private static final String BATCH_HEAD = "{\"t\":\"batch\",\"id\":";

    /** Follows a tab's batch id: {@link Frames#write} writes {@code tab} right after {@code id}. */
    private static final String TAB_MARK = ",\"tab\":true";

    private final Ids browser;
    private final Ids tab;

    /**
     * Creates the credits of a connection that was sent nothing yet.
     *
     * @param capacity the most unanswered ids kept for the browser's batches, and as many for the
     *     tab's; at least 1
     */
    public AnswerCredits(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Answer credits need a capacity of at least 1, not " + capacity);
        }
        browser = new Ids(capacity);
        tab = new Ids(capacity);
    }

    /**
     * Credits the batches of a frame the server sends to the connection. Called as the frame leaves
     * for the socket, before the browser can answer it. The frame is the server's own text, written
     * by {@link Frames#write}: every string in it is escaped, so the marks it looks for are never
     * inside a value, and it reads no more than the batch ids (a welcome or an error has none).
     *
     * @param frame a frame's text
     */
    public void sent(String frame) {
        int at = frame.indexOf(BATCH_HEAD);
        if (at < 0) {
            return;
        }
        synchronized (this) {
            while (at >= 0) {
                int start = at + BATCH_HEAD.length();
                int end = start;
                while (end < frame.length() && frame.charAt(end) >= '0' && frame.charAt(end) <= '9') {
                    end++;
                }
                if (end > start && end - start <= 16) {
                    long id = Long.parseLong(frame, start, end, 10);
                    (frame.startsWith(TAB_MARK, end) ? tab : browser).add(id);
                }
                at = frame.indexOf(BATCH_HEAD, end);
            }
        }
    }

    /**
     * Spends the credit of the batch a frame answers, if it answers one the connection owes.
     *
     * @param frame a frame from the browser
     * @return true if it answers a batch sent and not answered yet: it takes no token from the rate
     */
    public boolean answered(String frame) {
        long answered = FrameReader.answeredBatch(frame);
        if (answered < 0) {
            return false;
        }
        synchronized (this) {
            return ((answered & 1) == 1 ? tab : browser).take(answered >>> 1);
        }
    }

    /** @return how many answers the connection owes, for tests */
    public synchronized int owed() {
        return browser.size + tab.size;
    }

    /** Ids in the order sent: a ring that grows up to its capacity, then drops its oldest. */
    private static final class Ids {
        private final int capacity;
        private long[] ids = new long[8];
        private int head;
        private int size;

        Ids(int capacity) {
            this.capacity = capacity;
        }

        void add(long id) {
            if (size == capacity) {
                head = (head + 1) % ids.length;
                size--;
            } else if (size == ids.length) {
                long[] grown = new long[Math.min(capacity, ids.length * 2)];
                for (int i = 0; i < size; i++) {
                    grown[i] = ids[(head + i) % ids.length];
                }
                ids = grown;
                head = 0;
            }
            ids[(head + size) % ids.length] = id;
            size++;
        }

        /** Takes an id and the ones sent before it; false, taking none, if it is not owed. */
        boolean take(long id) {
            for (int i = 0; i < size; i++) {
                if (ids[(head + i) % ids.length] == id) {
                    head = (head + i + 1) % ids.length;
                    size -= i + 1;
                    return true;
                }
            }
            return false;
        }
    }
}
