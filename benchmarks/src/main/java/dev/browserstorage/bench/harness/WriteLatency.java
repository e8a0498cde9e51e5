package dev.browserstorage.bench.harness;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3, write to acknowledgement: the server writes one field through the generated store,
 * the browser applies the batch and acks it; timed by the server from the setter call to the
 * completion of its stage. The baseline is a bare websockets-next round trip in the same direction
 * (the server sends a batch-sized text, the client sends it back), timed the same way, in
 * alternating rounds on the same app. A Java client speaking the glue's protocol gives the large
 * sample; Chromium running the real glue gives a smaller one. The client-timed echo (client sends,
 * bare endpoint echoes) is printed beside them as a cross-check.
 *
 * <p>System properties: {@code bench.count} (timed round trips of each kind for the Java client,
 * default 60000), {@code bench.rounds} (6), {@code bench.warmup} (untimed round trips of each kind
 * first, 10000: with 2,000 the write path was still being compiled, and the p50 ratio of a quiet
 * machine swung from 1.7x to 2.1x against 1.1x to 1.5x at 60,000), {@code bench.chromiumCount}
 * (per round, 100; 0 skips Chromium), {@code bench.chromium} (the Chromium binary, {@code
 * /usr/bin/chromium}).
 */
public final class WriteLatency {

    private WriteLatency() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if the app or a client fails
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.count", 60_000);
        int rounds = Integer.getInteger("bench.rounds", 6);
        int chromiumCount = Integer.getInteger("bench.chromiumCount", 100);
        int perRound = count / rounds;
        int warmup = Integer.getInteger("bench.warmup", 10_000);
        try (BenchServer server = BenchServer.start("latency", "-Xmx1g");
                Clients clients = new Clients(server.port(), 10)) {
            ProtocolClient browser = Await.result(ProtocolClient.connect(clients, Clients.hello(1024, 4, "j")), 30);
            String browserId = browser.browserId;
            WebSocket ping = Await.result(clients.open("/bench/ping/java", null), 30);
            ping.textMessageHandler(ping::writeTextMessage);
            WebSocket echo = Await.result(clients.open("/bench/echo", null), 30);

            long[] writes = new long[0];
            long[] pings = new long[0];
            long[] echoes = new long[0];
            // The app's CPU time (every thread) during the timed rounds of each kind, and the Java
            // client's time applying batches: where a write's time goes besides the network.
            long writeCpu = 0;
            long pingCpu = 0;
            long clientNanos = 0;
            for (int round = 0; round < rounds; round++) {
                int w = round == 0 ? warmup : 0;
                long cpu = server.cpuNanos();
                long client = browser.receiveNanos();
                JsonObject written = server.call(
                        "POST", "/bench/writes/latency?browser=" + browserId + "&warmup=" + w + "&count=" + perRound);
                if (round > 0) {
                    writeCpu += server.cpuNanos() - cpu;
                    clientNanos += browser.receiveNanos() - client;
                }
                writes = Stats.concat(writes, nanos(written));
                cpu = server.cpuNanos();
                pings = Stats.concat(
                        pings,
                        nanos(server.call(
                                "POST", "/bench/pings/latency?name=java&warmup=" + w + "&count=" + perRound)));
                if (round > 0) {
                    pingCpu += server.cpuNanos() - cpu;
                }
                echoes = Stats.concat(
                        echoes,
                        Await.result(
                                EchoRuns.sequential(
                                        echo,
                                        "{\"t\":\"get\",\"area\":\"local\",\"key\":\"bench:prefs.fontSize\"}",
                                        w,
                                        perRound),
                                300));
            }
            System.out.printf(
                    "Java client: %d rounds, %d batches applied by the client (%d warm-up)%n",
                    rounds, browser.batchesApplied(), warmup);
            report("Java client", Stats.of(writes), Stats.of(pings));
            if (rounds > 1) {
                long timed = (long) perRound * (rounds - 1);
                System.out.printf(
                        "  app CPU per round trip (all threads, rounds 2-%d): write %.1f µs, ping %.1f µs;"
                                + " Java client applying a batch and sending its ack: %.1f µs%n",
                        rounds, writeCpu / 1e3 / timed, pingCpu / 1e3 / timed, clientNanos / 1e3 / timed);
            }
            System.out.println(
                    "  cross-check, client-timed echo (client -> bare endpoint -> client): " + Stats.of(echoes));
            System.out.printf(
                    "  write p50 / client-timed echo p50 = %.2fx%n",
                    (double) Stats.of(writes).p50() / Stats.of(echoes).p50());

            Path chromium = Path.of(System.getProperty("bench.chromium", "/usr/bin/chromium"));
            if (chromiumCount <= 0) {
                System.out.println("Chromium sample skipped (bench.chromiumCount=0)");
            } else if (!Files.isExecutable(chromium)) {
                System.out.println("Chromium sample skipped: no " + chromium);
            } else {
                chromiumSample(server, chromium, rounds, chromiumCount);
            }
        }
    }

    private static void chromiumSample(BenchServer server, Path chromium, int rounds, int perRound) throws Exception {
        Path profile = Files.createTempDirectory("bench-chromium");
        String url = "http://" + BenchServer.HOST + ":" + server.port() + "/bench/chromium.html?rounds=" + rounds
                + "&count=" + perRound + "&warmup=50";
        Process browser = new ProcessBuilder(List.of(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        url))
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "bench-logs", "chromium.log").toFile())
                .start();
        try {
            JsonObject report = server.call("GET", "/bench/chromium/report");
            if (report.containsKey("error")) {
                throw new IllegalStateException("the Chromium page failed: " + report.getString("error"));
            }
            System.out.println("Chromium: " + report.getString("userAgent"));
            report("Chromium", Stats.of(report.getJsonArray("writeNanos")), Stats.of(report.getJsonArray("pingNanos")));
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        }
    }

    private static long[] nanos(JsonObject samples) {
        return samples.getJsonArray("nanos").stream()
                .mapToLong(n -> ((Number) n).longValue())
                .toArray();
    }

    private static void report(String sample, Stats writes, Stats pings) {
        System.out.println("  " + sample + ", write -> glue applies -> ack: " + writes);
        System.out.println("  " + sample + ", bare round trip (server -> client echo -> server): " + pings);
        System.out.printf(
                "  %s: p50 ratio %.2fx (target <= 1.3x), p99 ratio %.2fx%n",
                sample, (double) writes.p50() / pings.p50(), (double) writes.p99() / pings.p99());
    }
}
