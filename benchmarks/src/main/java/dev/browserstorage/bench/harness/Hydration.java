package dev.browserstorage.bench.harness;

import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;

/**
 * Benchmark 6, hydration: from an open socket to {@code welcome} (the session is hydrated) for a
 * {@code hello} carrying a 100 KiB and a 1 MiB localStorage snapshot, against sending the very same
 * text to a bare endpoint that answers once it has the whole message. Both timed by the client,
 * alternating, a fresh socket (and a fresh browser) for each sample. A third kind, not the baseline,
 * explains part of the ratio: the same bare endpoint taking the text on a worker thread, as the sync
 * endpoint takes a large frame, so the cost of that hop shows on its own.
 *
 * <p>System properties: {@code bench.samples} (timed samples of each kind per size, default 100) and
 * {@code bench.warmup} (untimed ones before them, default half the samples, at least 10 and at most
 * 50: with fewer, the first size's figures would include compiling the app's code for it).
 */
public final class Hydration {

    private Hydration() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if the app or a client fails
     */
    public static void main(String[] args) throws Exception {
        int samples = Integer.getInteger("bench.samples", 100);
        // A smoke run of a few samples keeps the old ten warm-ups.
        int warmup = Integer.getInteger("bench.warmup", Math.min(50, Math.max(10, samples / 2)));
        try (BenchServer server = BenchServer.start("hydration", "-Xmx2g");
                Clients clients = new Clients(server.port(), 10)) {
            for (int size : new int[] {100 * 1024, 1024 * 1024}) {
                String hello = Clients.hello(size, 10, "h");
                long[] hydrated = new long[samples];
                long[] bare = new long[samples];
                long[] worker = new long[samples];
                for (int i = 0; i < warmup + samples; i++) {
                    long sync = hydrate(clients, hello);
                    long sink = bare(clients, hello, "/bench/sink");
                    long hop = bare(clients, hello, "/bench/sink-worker");
                    if (i >= warmup) {
                        hydrated[i - warmup] = sync;
                        bare[i - warmup] = sink;
                        worker[i - warmup] = hop;
                    }
                }
                Stats ours = Stats.of(hydrated);
                Stats base = Stats.of(bare);
                Stats hop = Stats.of(worker);
                System.out.printf("snapshot %d KiB (hello frame %d bytes):%n", size / 1024, hello.length());
                System.out.println("  open -> hydrated (welcome): " + ours);
                System.out.println("  open -> same bytes taken by a bare endpoint: " + base);
                System.out.printf(
                        "  p50 ratio %.2fx, p90 ratio %.2fx%n",
                        (double) ours.p50() / base.p50(), (double) ours.percentile(90) / base.percentile(90));
                System.out.println("  (not the baseline) the bare endpoint on a worker thread: " + hop);
                System.out.printf(
                        "  (not the baseline) p50 of the bare endpoint on a worker / bare: %.2fx; hydrated / it: %.2fx%n",
                        (double) hop.p50() / base.p50(), (double) ours.p50() / hop.p50());
            }
        }
    }

    private static long hydrate(Clients clients, String hello) throws Exception {
        WebSocket socket = Await.result(clients.open("/_storage/sync", null), 30);
        return timeReply(socket, hello, "{\"t\":\"welcome\"");
    }

    private static long bare(Clients clients, String hello, String path) throws Exception {
        WebSocket socket = Await.result(clients.open(path, null), 30);
        return timeReply(socket, hello, Integer.toString(hello.length()));
    }

    /** Sends the text on an open socket and times it until the first answer, which must start as expected. */
    private static long timeReply(WebSocket socket, String text, String expected) throws Exception {
        Promise<Long> answered = Promise.promise();
        long start = System.nanoTime();
        socket.textMessageHandler(reply -> {
            long nanos = System.nanoTime() - start;
            if (reply.startsWith(expected)) {
                answered.tryComplete(nanos);
            } else {
                answered.tryFail("expected " + expected + "... but got " + reply);
            }
        });
        socket.writeTextMessage(text);
        long nanos = Await.result(answered.future(), 30);
        Await.result(socket.close(), 30);
        return nanos;
    }
}
