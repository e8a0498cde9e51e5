package dev.browserstorage.browser;

/**
 * A stored text as the session currently sees it, with room for the one decoded form a typed reader
 * made of it. A new text is a new {@code StoredValue}, so a memo can never outlive the text it was
 * made from.
 */
public final class StoredValue {
    private final String text;
    private volatile Object memo;

    StoredValue(String text) {
        this.text = text;
    }

    /** @return the stored text */
    public String text() {
        return text;
    }

    /**
     * The decoded form a reader left here, so that the next read of the same text needs no decoding.
     *
     * @return the memo, or {@code null}
     */
    public Object memo() {
        return memo;
    }

    /**
     * Leaves a decoded form of {@link #text()} for later reads. Readers of different types may
     * overwrite each other's memo; each must check that a memo is its own.
     *
     * @param decoded the decoded form
     */
    public void memo(Object decoded) {
        this.memo = decoded;
    }
}
