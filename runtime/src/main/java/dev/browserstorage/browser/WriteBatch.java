package dev.browserstorage.browser;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Writes that go to the browser together, under one id, and are acknowledged together. The browser
 * applies a batch at most once: a batch sent again after a reconnect carries the same id.
 *
 * <p>A batch also has a {@linkplain #token() token}, a short random name given when it is made and
 * kept when the session renumbers it ({@link BrowserLink#continueBatchIdsAfter}). A page rendered
 * before the browser's {@code hello} cannot know a batch's final id, but can know its token: the glue
 * applies a batch rendered into a page and the same batch arriving on the socket once, by token
 * (docs/protocol.md, "Rendered batches").
 *
 * @param id increasing per session, starting at 1
 * @param token the batch's token: {@value #TOKEN_LENGTH} characters of {@code 0-9 a-z}
 * @param writes the writes, applied in order
 */
public record WriteBatch(long id, String token, List<Write> writes) {
    /** How many characters a token has. */
    public static final int TOKEN_LENGTH = 10;

    private static final Pattern TOKEN = Pattern.compile("[0-9a-z]{" + TOKEN_LENGTH + "}");

    /** Checks the token and copies the writes so the batch cannot change after it is made. */
    public WriteBatch {
        Objects.requireNonNull(token, "token");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("Batch token '" + token + "' is not " + TOKEN_LENGTH + " of 0-9 a-z");
        }
        writes = List.copyOf(writes);
    }

    /**
     * A new batch with a fresh token.
     *
     * @param id the batch's id
     * @param writes the writes, applied in order
     */
    public WriteBatch(long id, List<Write> writes) {
        this(id, newToken(), writes);
    }

    /**
     * The same batch under another id: the token and the writes stay.
     *
     * @param newId the new id
     * @return the renumbered batch
     */
    public WriteBatch withId(long newId) {
        return new WriteBatch(newId, token, writes);
    }

    /**
     * A fresh token: 10 base-36 characters, about 51.7 bits. It names a batch, it guards nothing (the
     * page that sees it may write its storage anyway), so it needs to be unique, not unguessable:
     * {@link ThreadLocalRandom} gives that without contention on the write path. The glue compares a
     * token with the last 32 it applied, so a clash needs two of 32 batches to draw the same 51.7 bits.
     *
     * @return the token
     */
    static String newToken() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] token = new char[TOKEN_LENGTH];
        for (int i = 0; i < token.length; i++) {
            token[i] = Character.forDigit(random.nextInt(36), 36);
        }
        return new String(token);
    }
}
