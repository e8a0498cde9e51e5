package dev.browserstorage.protocol;

import java.util.function.LongSupplier;

/**
 * The bound on how fast one connection may send frames: a token bucket that holds up to {@code
 * burst} frames and refills at {@code perSecond}. A browser's glue sends in bursts (a change per
 * edited key) and rests; a client that floods the server runs the bucket dry. The answers the
 * server asked for do not come out of it ({@link AnswerCredits}): their number is the server's to
 * set. Not thread safe: frames of one connection arrive one at a time.
 */
public final class MessageRate {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long burst;
    private final LongSupplier nanoTime;
    /** Tokens scaled by {@link #NANOS_PER_SECOND}, so that refills stay exact in integers. */
    private long scaledTokens;

    private long last;

    /**
     * Creates a full bucket.
     *
     * @param perSecond frames per second on average, at least 1
     * @param burst frames that may come at once after a rest, at least 1
     * @param nanoTime the clock, {@link System#nanoTime} outside tests
     */
    public MessageRate(int perSecond, int burst, LongSupplier nanoTime) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "A message rate needs at least 1 frame per second and a burst of at least 1, not " + perSecond
                            + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.scaledTokens = burst * NANOS_PER_SECOND;
        this.last = nanoTime.getAsLong();
    }

    /**
     * Takes one frame from the bucket.
     *
     * @return false if the connection is over its rate: the frame must not be handled
     */
    public boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        long elapsed = Math.max(0, now - last);
        last = now;
        long max = burst * NANOS_PER_SECOND;
        long missing = max - scaledTokens;
        // Compared before multiplying: elapsed * perSecond could overflow after a long rest.
        scaledTokens = elapsed > missing / perSecond ? max : scaledTokens + elapsed * perSecond;
        if (scaledTokens < NANOS_PER_SECOND) {
            return false;
        }
        scaledTokens -= NANOS_PER_SECOND;
        return true;
    }
}
