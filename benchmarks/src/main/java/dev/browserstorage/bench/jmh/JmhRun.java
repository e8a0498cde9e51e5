package dev.browserstorage.bench.jmh;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the benchmarks of one class with the settings every figure in RESULTS.md used. */
final class JmhRun {

    private static final int ITERATIONS = Integer.getInteger("bench.iterations", 5);
    private static final TimeValue ITERATION_TIME = TimeValue.milliseconds(Long.getLong("bench.iterationMillis", 1000));

    private JmhRun() {}

    /**
     * Runs every benchmark of a class: one fork, 5 × 1 s warm-up, 5 × 1 s measurement, average
     * time in nanoseconds. {@code -Dbench.forks}, {@code -Dbench.iterations} (warm-up and measured
     * alike) and {@code -Dbench.iterationMillis} change them (the smoke run uses 1 × 100 ms).
     *
     * @param benchmarks the class
     * @return each benchmark method's score (ns/op) by its name
     * @throws RunnerException if JMH fails
     */
    static Map<String, Double> scores(Class<?> benchmarks) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(benchmarks.getName() + "\\.")
                        .forks(Integer.getInteger("bench.forks", 1))
                        .warmupIterations(ITERATIONS)
                        .warmupTime(ITERATION_TIME)
                        .measurementIterations(ITERATIONS)
                        .measurementTime(ITERATION_TIME)
                        .timeUnit(TimeUnit.NANOSECONDS)
                        .build())
                .run();
        Map<String, Double> scores = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    result.getPrimaryResult().getScore());
        }
        return scores;
    }
}
