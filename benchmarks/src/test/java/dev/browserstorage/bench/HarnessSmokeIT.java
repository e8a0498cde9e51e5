package dev.browserstorage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark of {@code bench.sh} once, at a tiny size, against what {@code package} built:
 * a harness that no longer runs (a protocol change it does not follow, a limit that closes its client,
 * a moved jar) fails the build instead of being found at the next measurement. Nothing is timed or
 * compared here: each run must end with status 0 and print the figure lines that RESULTS.md quotes
 * (the numbers themselves are whatever this machine gives). The output of each run is kept in
 * {@code target/smoke-results/}.
 *
 * <p>Where a run needs a program the machine lacks (Chromium for latency's browser sample, {@code
 * redis-server} for scaleout, {@code npx} for glue), it is skipped with the reason, except under CI
 * ({@code CI} set), where it fails: CI installs them all.
 */
class HarnessSmokeIT {
    /** One 100 ms iteration; not the lock that keeps two real runs apart (a real run may be going on). */
    private static final String JMH_SMOKE =
            "-Dbench.iterations=1 -Dbench.iterationMillis=100 -Dbench.cpuRounds=1 -Djmh.ignoreLock=true";

    private static final Pattern RATIO = Pattern.compile("\\d+\\.\\d+x");

    @Test
    void typedReadRuns() throws Exception {
        String out = bench("read", JMH_SMOKE);
        assertThat(out).contains("Typed read (ns/op)", "generatedGetterInt", "hashMapGet");
        assertThat(out).containsPattern("CPU-time ratio to hashMapGet: getter int \\d+\\.\\d+x");
        assertThat(RATIO.matcher(out).find()).as("a ratio is printed").isTrue();
    }

    @Test
    void codecRuns() throws Exception {
        String out = bench("codec", JMH_SMOKE);
        assertThat(out).contains("Codec (ns/op)", "generatedEncode", "databindEncode", "generatedDecode");
        assertThat(out).containsPattern("CPU-time ratio databind / generated: encode \\d+\\.\\d+x");
    }

    @Test
    void templateReadsRun() throws Exception {
        assertThat(bench("known", JMH_SMOKE)).contains("Template reads (ns/op)", "unknownOrDefaultFullQueue");
    }

    @Test
    void protectedReadsRun() throws Exception {
        String out = bench("protected", JMH_SMOKE);
        assertThat(out).contains("Versions and protection (ns/op)", "signedGetter", "openEncrypted");
        assertThat(out).containsPattern("encrypted getter / plain getter = \\d+\\.\\d+x");
    }

    @Test
    void writeLatencyRunsWithTheJavaClient() throws Exception {
        String out = bench("latency", "-Dbench.count=400 -Dbench.rounds=2 -Dbench.warmup=2000 -Dbench.chromiumCount=0");
        assertThat(out).containsPattern("Java client: p50 ratio \\d+\\.\\d+x");
    }

    @Test
    void writeLatencyRunsInChromium() throws Exception {
        needs(Files.isExecutable(Path.of("/usr/bin/chromium")), "latency's browser sample needs /usr/bin/chromium");
        String out = bench(
                "latency",
                "-Dbench.count=200 -Dbench.rounds=1 -Dbench.warmup=200 -Dbench.chromiumCount=10",
                "latency-chromium");
        assertThat(out).containsPattern("Chromium: p50 ratio \\d+\\.\\d+x");
    }

    @Test
    void throughputRuns() throws Exception {
        String out = bench("throughput", "-Dbench.rounds=1 -Dbench.warmupMillis=300 -Dbench.measureMillis=700");
        assertThat(out).contains("best of 1 rounds").containsPattern("bare echo: \\d+ messages/s");
    }

    @Test
    void connectionsRun() throws Exception {
        String out = bench("connections", "-Dbench.connections=300 -Dbench.serverHeap=512m");
        assertThat(out).doesNotContain("stopped after").containsPattern("per connection: bare echo \\d+ bytes");
    }

    @Test
    void hydrationRuns() throws Exception {
        String out = bench("hydration", "-Dbench.samples=3");
        assertThat(RATIO.matcher(out).results().count())
                .as("a ratio per snapshot size")
                .isGreaterThanOrEqualTo(2);
        assertThat(out).contains("snapshot 100 KiB", "snapshot 1024 KiB");
    }

    @Test
    void processorOverheadRunsAndItsIncrementalCheckHolds() throws Exception {
        String out = bench("processor", "-Dbench.pojos=20 -Dbench.rounds=1");
        assertThat(out).contains("20 POJOs of 7 fields each", "after editing");
        assertThat(RATIO.matcher(out).find()).as("a ratio is printed").isTrue();
    }

    @Test
    void glueSizeRuns() throws Exception {
        needs(onPath("npx"), "the glue figure minifies with terser through npx (npm registry)");
        String out = bench("glue", "");
        assertThat(out).containsPattern("core\\.js min\\+gz / js-cookie min\\+gz = \\d+\\.\\d+x");
    }

    @Test
    void scaleOutRuns() throws Exception {
        needs(Files.isExecutable(Path.of("/usr/bin/redis-server")), "scaleout runs a real /usr/bin/redis-server");
        String out = bench(
                "scaleout",
                "-Dbench.count=300 -Dbench.rounds=1 -Dbench.commandWrites=100 -Dbench.browsers=300"
                        + " -Dbench.serverHeap=512m");
        assertThat(out).containsPattern("p50: cross / same = \\d+\\.\\d+x").contains("Redis commands per write");
    }

    /** Runs {@code bench.sh name} with these options and returns what it printed; fails on a non-zero status. */
    private static String bench(String name, String options) throws IOException, InterruptedException {
        return bench(name, options, name);
    }

    /** The same, its output kept under {@code label}. */
    private static String bench(String name, String options, String label) throws IOException, InterruptedException {
        Path results = Path.of("target", "smoke-results");
        Files.createDirectories(results);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "bench.sh", name))
                .redirectErrorStream(true)
                .redirectOutput(results.resolve(label + ".log").toFile());
        builder.environment().put("BENCH_OPTS", options);
        builder.environment().put("BENCH_RESULTS", results.toString());
        Process process = builder.start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("bench.sh " + name + " did not end within 8 minutes; its output: " + results.resolve(label + ".log"));
        }
        String out = Files.readString(results.resolve(label + ".log"), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("bench.sh %s %s ended with status %d; it printed:%n%s", name, options, process.exitValue(), out)
                .isZero();
        return out;
    }

    private static void needs(boolean present, String what) {
        if (!present && System.getenv("CI") != null) {
            fail("Under CI every harness must run, but " + what + ", which is missing");
        }
        assumeTrue(present, () -> "SKIPPED: " + what + ", which this machine lacks");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && Pattern.compile(java.io.File.pathSeparator)
                        .splitAsStream(path)
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
