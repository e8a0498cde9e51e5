package dev.browserstorage.bench.harness;

import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

/**
 * Benchmark 4, throughput on one connection: acknowledged writes per second with a window of
 * batches in flight, one write per batch and seven per batch (the generated store's {@code
 * set(pojo)} changing every field), against the messages per second the bare echo endpoint returns
 * with the same window. Alternating rounds on one app.
 *
 * <p>System properties: {@code bench.window} (in flight, default 128), {@code bench.rounds} (2),
 * {@code bench.warmupMillis} (2000), {@code bench.measureMillis} (5000).
 */
public final class Throughput {

    private Throughput() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if the app or a client fails
     */
    public static void main(String[] args) throws Exception {
        int window = Integer.getInteger("bench.window", 128);
        int rounds = Integer.getInteger("bench.rounds", 2);
        long warmupMillis = Long.getLong("bench.warmupMillis", 2000);
        long measureMillis = Long.getLong("bench.measureMillis", 5000);
        String message =
                "{\"t\":\"batch\",\"id\":1000000,\"writes\":[{\"area\":\"local\",\"key\":\"bench:prefs.fontSize\",\"value\":\"16\"}]}";
        try (BenchServer server = BenchServer.start("throughput", "-Xmx1g");
                Clients clients = new Clients(server.port(), 10)) {
            ProtocolClient browser = Await.result(ProtocolClient.connect(clients, Clients.hello(1024, 4, "t")), 30);
            String browserId = browser.browserId;
            WebSocket echo = Await.result(clients.open("/bench/echo", null), 30);
            double echoBest = 0;
            double singleBest = 0;
            double batchedBest = 0;
            String query = "&window=" + window + "&warmupMillis=" + warmupMillis + "&measureMillis=" + measureMillis;
            for (int round = 1; round <= rounds; round++) {
                long echoed = Await.result(EchoRuns.pipelined(echo, message, window, warmupMillis, measureMillis), 120);
                double echoRate = echoed * 1000.0 / measureMillis;
                double single = rate(server.call("POST", "/bench/writes/throughput?browser=" + browserId + query));
                double batched = rate(
                        server.call("POST", "/bench/writes/throughput?browser=" + browserId + "&batched=true" + query));
                System.out.printf(
                        "round %d: echo %.0f msg/s; writes, 1 per batch %.0f/s; writes, 7 per batch %.0f/s%n",
                        round, echoRate, single, batched);
                echoBest = Math.max(echoBest, echoRate);
                singleBest = Math.max(singleBest, single);
                batchedBest = Math.max(batchedBest, batched);
            }
            System.out.printf(
                    "client applied %d batches, %d writes in all%n", browser.batchesApplied(), browser.writesApplied());
            System.out.printf("best of %d rounds, window %d:%n", rounds, window);
            System.out.printf("  bare echo: %.0f messages/s%n", echoBest);
            System.out.printf(
                    "  acknowledged writes, 1 per batch: %.0f/s = %.2fx the echo's messages/s%n",
                    singleBest, singleBest / echoBest);
            System.out.printf(
                    "  acknowledged writes, 7 per batch: %.0f/s (%.0f batches/s) = %.2fx the echo's messages/s%n",
                    batchedBest, batchedBest / 7, batchedBest / echoBest);
        }
    }

    private static double rate(JsonObject rate) {
        return rate.getLong("units") / rate.getDouble("seconds");
    }
}
