package dev.browserstorage.bench.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A cross-check of the JMH figures on a machine shared with other work: the same benchmark methods,
 * timed by the CPU time of the calling thread rather than by the wall clock, so that the time the
 * thread spends waiting for a core does not count. Each method runs in rounds that alternate between
 * the benchmarks (so that a slower period hits all of them), after a warm-up; a result goes to a
 * JMH {@link Blackhole}. Prints the median and the minimum of the rounds, and the median less that of
 * an empty call (each benchmark is called through one shared, megamorphic call site). Not a
 * replacement for JMH: caches and frequency are still shared.
 *
 * <p>{@code bench.sh read} and {@code bench.sh codec} run it after JMH.
 *
 * <pre>java -cp ... dev.browserstorage.bench.jmh.CpuTime read|codec</pre>
 */
public final class CpuTime {
    /** Timed rounds ({@code -Dbench.cpuRounds}, default 15; the smoke run takes 1), after 5 untimed. */
    private static final int ROUNDS = Integer.getInteger("bench.cpuRounds", 15);

    private static final long ROUND_NANOS = 200_000_000L;

    private CpuTime() {}

    /**
     * Runs the cross-check.
     *
     * @param args {@code read} or {@code codec}
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, Supplier<Object>> benchmarks = new LinkedHashMap<>();
        // The cost of the loop and of the (megamorphic) call itself, to subtract from the others.
        Object[] constant = {"16"};
        benchmarks.put("emptyCall", () -> constant[0]);
        if (args.length > 0 && args[0].equals("codec")) {
            Codec codec = new Codec();
            benchmarks.put("databindEncode", unchecked(codec::databindEncode));
            benchmarks.put("generatedEncode", codec::generatedEncode);
            benchmarks.put("databindDecode", unchecked(codec::databindDecode));
            benchmarks.put("generatedDecode", codec::generatedDecode);
            benchmarks.put("databindPerFieldEncode", unchecked(codec::databindPerFieldEncode));
            benchmarks.put("databindPerFieldDecode", unchecked(codec::databindPerFieldDecode));
        } else {
            TypedRead read = new TypedRead();
            read.setUp();
            benchmarks.put("hashMapGet", read::hashMapGet);
            benchmarks.put("hashMapGetDecoded", read::hashMapGetDecoded);
            benchmarks.put("generatedGetterInt", read::generatedGetterInt);
            benchmarks.put("generatedGetterString", read::generatedGetterString);
        }
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        for (int round = -5; round < ROUNDS; round++) {
            for (Map.Entry<String, Supplier<Object>> benchmark : benchmarks.entrySet()) {
                double nanosPerOp = runRound(threads, benchmark.getValue(), blackhole);
                if (round >= 0) {
                    rounds.computeIfAbsent(benchmark.getKey(), k -> new ArrayList<>())
                            .add(nanosPerOp);
                }
            }
        }
        System.out.printf(
                "CPU time per op, %d rounds of %d ms each (median, min, median - emptyCall's):%n",
                ROUNDS, ROUND_NANOS / 1_000_000);
        double empty = median(rounds.get("emptyCall"));
        for (Map.Entry<String, List<Double>> entry : rounds.entrySet()) {
            double[] sorted = entry.getValue().stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            System.out.printf(
                    "  %-24s %10.1f ns  %10.1f ns  %10.1f ns  (rounds: %s)%n",
                    entry.getKey(),
                    sorted[sorted.length / 2],
                    sorted[0],
                    sorted[sorted.length / 2] - empty,
                    Arrays.toString(round(sorted)));
        }
        if (rounds.containsKey("hashMapGet")) {
            double base = median(rounds.get("hashMapGet"));
            System.out.printf(
                    "  CPU-time ratio to hashMapGet: getter int %.2fx, getter String %.2fx (target <= 2x)%n",
                    median(rounds.get("generatedGetterInt")) / base,
                    median(rounds.get("generatedGetterString")) / base);
        } else {
            System.out.printf(
                    "  CPU-time ratio databind / generated: encode %.2fx, decode %.2fx (target >= 1.5x both)%n",
                    median(rounds.get("databindEncode")) / median(rounds.get("generatedEncode")),
                    median(rounds.get("databindDecode")) / median(rounds.get("generatedDecode")));
        }
        blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
        System.exit(0);
    }

    private static double runRound(ThreadMXBean threads, Supplier<Object> benchmark, Blackhole blackhole) {
        long batch = 1000;
        long ops = 0;
        long start = threads.getCurrentThreadCpuTime();
        long elapsed;
        do {
            for (long i = 0; i < batch; i++) {
                blackhole.consume(benchmark.get());
            }
            ops += batch;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < ROUND_NANOS);
        return (double) elapsed / ops;
    }

    private static double median(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray()[values.size() / 2];
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private interface Throwing {
        Object get() throws Exception;
    }

    private static Supplier<Object> unchecked(Throwing benchmark) {
        return () -> {
            try {
                return benchmark.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
