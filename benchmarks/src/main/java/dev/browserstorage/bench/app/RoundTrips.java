package dev.browserstorage.bench.app;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Server-side measuring loops over round trips that the server starts: a write until its ack, a
 * ping until its reply. Each next round trip starts from the completion of one before, on the
 * thread that completed it (the connection's event loop), so nothing here blocks.
 */
final class RoundTrips {

    private RoundTrips() {}

    /**
     * Runs round trips one after the other and times each.
     *
     * @param warmup round trips run first and not timed
     * @param count round trips timed
     * @param roundTrip starts round trip {@code i}; its stage completes when it is over
     * @return the nanoseconds of each timed round trip, in order
     */
    static CompletionStage<long[]> sequential(int warmup, int count, IntFunction<CompletionStage<?>> roundTrip) {
        long[] nanos = new long[count];
        CompletableFuture<long[]> done = new CompletableFuture<>();
        next(0, warmup, nanos, roundTrip, done);
        return done;
    }

    private static void next(
            int i,
            int warmup,
            long[] nanos,
            IntFunction<CompletionStage<?>> roundTrip,
            CompletableFuture<long[]> done) {
        if (i == warmup + nanos.length) {
            done.complete(nanos);
            return;
        }
        long start = System.nanoTime();
        started(roundTrip, i, done).whenComplete((ok, failure) -> {
            long elapsed = System.nanoTime() - start;
            if (failure != null) {
                done.completeExceptionally(failure);
                return;
            }
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
            }
            next(i + 1, warmup, nanos, roundTrip, done);
        });
    }

    /**
     * Keeps a window of round trips in flight for a while and counts those completing inside the
     * measured period.
     *
     * @param window round trips in flight at any time
     * @param warmupMillis how long to run before counting
     * @param measureMillis how long to count
     * @param unitsPerRoundTrip what one round trip counts for (the writes of a batch)
     * @param roundTrip starts round trip {@code i}
     * @return the units completed in the measured period, once every round trip has completed
     */
    static CompletionStage<Long> pipelined(
            int window,
            long warmupMillis,
            long measureMillis,
            int unitsPerRoundTrip,
            IntFunction<CompletionStage<?>> roundTrip) {
        Pipeline pipeline = new Pipeline(window, warmupMillis, measureMillis, unitsPerRoundTrip, roundTrip);
        for (int i = 0; i < window; i++) {
            pipeline.start();
        }
        return pipeline.done;
    }

    /**
     * Starts a round trip. One that throws (a write refused at once) fails the whole measurement:
     * thrown inside a completion callback, it would otherwise vanish and leave the loop waiting.
     */
    private static CompletionStage<?> started(
            IntFunction<CompletionStage<?>> roundTrip, int i, CompletableFuture<?> done) {
        try {
            return roundTrip.apply(i);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return new CompletableFuture<>();
        }
    }

    private static final class Pipeline {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final AtomicLong counted = new AtomicLong();
        final long countFrom;
        final long countUntil;
        final int unitsPerRoundTrip;
        final IntFunction<CompletionStage<?>> roundTrip;

        Pipeline(
                int window,
                long warmupMillis,
                long measureMillis,
                int unitsPerRoundTrip,
                IntFunction<CompletionStage<?>> roundTrip) {
            long now = System.nanoTime();
            this.countFrom = now + warmupMillis * 1_000_000;
            this.countUntil = countFrom + measureMillis * 1_000_000;
            this.unitsPerRoundTrip = unitsPerRoundTrip;
            this.roundTrip = roundTrip;
        }

        void start() {
            inFlight.incrementAndGet();
            started(roundTrip, started.getAndIncrement(), done).whenComplete((ok, failure) -> {
                if (failure != null) {
                    done.completeExceptionally(failure);
                    return;
                }
                long now = System.nanoTime();
                if (now >= countFrom && now < countUntil) {
                    counted.addAndGet(unitsPerRoundTrip);
                }
                if (now < countUntil) {
                    start();
                }
                if (inFlight.decrementAndGet() == 0) {
                    done.complete(counted.get());
                }
            });
        }
    }
}
