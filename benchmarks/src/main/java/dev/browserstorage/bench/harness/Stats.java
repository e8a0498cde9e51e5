package dev.browserstorage.bench.harness;

import io.vertx.core.json.JsonArray;
import java.util.Arrays;

/** Percentiles of a sample of durations in nanoseconds. */
final class Stats {
    private final long[] sorted;

    private Stats(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    static Stats of(long[] nanos) {
        return new Stats(nanos);
    }

    static Stats of(JsonArray nanos) {
        long[] values = new long[nanos.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = nanos.getLong(i);
        }
        return new Stats(values);
    }

    /** Concatenates samples. */
    static long[] concat(long[] a, long[] b) {
        long[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile, in nanoseconds. */
    long percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    long p50() {
        return percentile(50);
    }

    long p99() {
        return percentile(99);
    }

    @Override
    public String toString() {
        return String.format(
                "n=%d p50=%s p90=%s p99=%s max=%s",
                count(), micros(p50()), micros(percentile(90)), micros(p99()), micros(sorted[sorted.length - 1]));
    }

    static String micros(long nanos) {
        return String.format("%.1f µs", nanos / 1000.0);
    }
}
