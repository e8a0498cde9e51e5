package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Benchmark 5, connections: N simulated browsers, each connected to the sync endpoint with a
 * 5 KiB localStorage snapshot and hydrated, against N sockets on the bare echo endpoint (each of
 * which sent the same 5 KiB and got it back). Each side runs in a fresh app; the figure is the
 * growth of the app's heap after garbage collection, divided by N.
 *
 * <p>System properties: {@code bench.connections} (N, default 19000: the app process may hold 20000 files), {@code bench.snapshotBytes}
 * (5120), {@code bench.serverHeap} (the app's {@code -Xmx}, default 4g).
 */
public final class Connections {
    private static final int IN_FLIGHT = 256;
    static final int WARMUP = 200;

    private Connections() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if the app or a client fails
     */
    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.connections", 19_000);
        int snapshotBytes = Integer.getInteger("bench.snapshotBytes", 5120);
        String heap = "-Xmx" + System.getProperty("bench.serverHeap", "4g");
        double echo = perConnection("connections-echo", heap, n, clients -> i -> {
            String text = Clients.hello(snapshotBytes, 5, "echo" + i);
            Promise<Void> echoed = Promise.promise();
            return clients.open("/bench/echo", null).compose(socket -> {
                socket.textMessageHandler(reply -> echoed.tryComplete());
                socket.writeTextMessage(text);
                return echoed.future();
            });
        });
        double sync = perConnection(
                "connections-sync",
                heap,
                n,
                clients -> i -> ProtocolClient.connect(clients, Clients.hello(snapshotBytes, 5, "sync" + i))
                        .mapEmpty());
        System.out.printf(
                "per connection: bare echo %.0f bytes, sync + hydrated session %.0f bytes (%.2fx); sync - echo = %.0f bytes"
                        + " = %.2fx the %d-byte snapshot (target <= 2x)%n",
                echo, sync, sync / echo, sync - echo, (sync - echo) / snapshotBytes, snapshotBytes);
    }

    /** Opens N connections on a fresh app and returns the heap growth per connection. */
    private static double perConnection(
            String label, String heap, int n, java.util.function.Function<Clients, IntFunction<Future<Void>>> opener)
            throws Exception {
        try (BenchServer server = BenchServer.start(label, heap);
                Clients clients = new Clients(server.port(), n + WARMUP + IN_FLIGHT)) {
            IntFunction<Future<Void>> open = opener.apply(clients);
            // Load and compile the code paths first, so that the baseline heap holds them already.
            int warmed = openAll(open, WARMUP, 0);
            JsonObject before = server.heap();
            long start = System.nanoTime();
            int opened = openAll(open, n, WARMUP);
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonObject after = server.heap();
            long growth = after.getLong("usedBytes") - before.getLong("usedBytes");
            System.out.printf(
                    "%s: %d warm-up + %d connections opened in %.1f s; app heap after GC %d -> %d bytes; app holds %d sockets, %d"
                            + " sessions%n",
                    label,
                    warmed,
                    opened,
                    seconds,
                    before.getLong("usedBytes"),
                    after.getLong("usedBytes"),
                    after.getLong("connections"),
                    after.getInteger("sessions"));
            return (double) growth / opened;
        }
    }

    /** Opens connections, a few hundred at a time; stops at the first failure and says why. */
    static int openAll(IntFunction<Future<Void>> open, int count, int firstIndex) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicInteger opened = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < count && failure.get() == null; i++) {
            slots.acquire();
            open.apply(firstIndex + i).onComplete(result -> {
                if (result.succeeded()) {
                    opened.incrementAndGet();
                } else {
                    failure.compareAndSet(null, result.cause());
                }
                slots.release();
            });
        }
        if (!slots.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("connections still opening after 120 s");
        }
        if (failure.get() != null) {
            System.out.printf("stopped after %d of %d connections: %s%n", opened.get(), count, failure.get());
        }
        return opened.get();
    }
}
