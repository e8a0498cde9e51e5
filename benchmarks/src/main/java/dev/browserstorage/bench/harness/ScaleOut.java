package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Scale-out through Redis (issue #16), in one run against one {@code redis-server} the harness
 * starts (nothing saved to disk):
 *
 * <ol>
 *   <li><b>Write to acknowledgement</b>, timed by the server as {@link WriteLatency} times it (the
 *       bench app's {@code /bench/writes/latency}: {@code setFontSize}, stage completes on the ack),
 *       in alternating rounds of three kinds: <i>alone</i>, the bench app without the Redis module
 *       (the path of benchmark 3); <i>same node</i>, two nodes of the app with the module, the write
 *       made on node A, which holds the browser's socket; <i>cross node</i>, the same browser written
 *       on node B (its request carries the browser's cookie, so B has a copy). With the module both
 *       Redis kinds take the same path (outbox in Redis, the owner fetches, delivers, settles);
 *       cross node adds the hop of the result to another node.
 *   <li><b>Redis commands per write</b>: {@code INFO commandstats} before and after N writes of each
 *       Redis kind, less the nodes' background (heartbeats), measured idle for a few seconds first.
 *       Scripts' inner calls are counted under their own names.
 *   <li><b>Heap per browser</b>: N browsers, each a socket with a 5 KiB localStorage snapshot,
 *       hydrated, on a fresh app without the module and on a fresh single node with it (its
 *       browsers then in Redis too): growth of the used heap after full GCs, divided by N, as
 *       {@link Connections} measures it. Redis's own memory growth is printed beside it.
 * </ol>
 *
 * <p>The app with the module is the same bench app packaged with the Redis module by the module
 * {@code benchmarks/redis-app} ({@code redis-app/target/quarkus-app}); the build packages it, and
 * {@code bench.sh scaleout} builds it if it is missing.
 *
 * <p>System properties: {@code bench.count} (timed writes of each kind, default 5000), {@code
 * bench.rounds} (5), {@code bench.commandWrites} (2000), {@code bench.browsers} (10000; 0 skips the
 * heap part), {@code bench.snapshotBytes} (5120), {@code bench.serverHeap} (the heap part's {@code
 * -Xmx}, 2g), {@code bench.redisServer} ({@code /usr/bin/redis-server}), {@code bench.redisAppJar}
 * ({@code redis-app/target/quarkus-app/quarkus-run.jar}).
 */
public final class ScaleOut {
    private static final int WARMUP = 1000;

    private ScaleOut() {}

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if an app, Redis or a client fails
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.count", 5000);
        int rounds = Integer.getInteger("bench.rounds", 5);
        int commandWrites = Integer.getInteger("bench.commandWrites", 2000);
        int browsers = Integer.getInteger("bench.browsers", 10_000);
        int snapshotBytes = Integer.getInteger("bench.snapshotBytes", 5120);
        String heap = "-Xmx" + System.getProperty("bench.serverHeap", "2g");
        Path plainJar = Path.of(System.getProperty("bench.appJar", "target/quarkus-app/quarkus-run.jar"));
        Path redisJar =
                Path.of(System.getProperty("bench.redisAppJar", "redis-app/target/quarkus-app/quarkus-run.jar"));
        try (RedisProcess redis =
                RedisProcess.start(Path.of(System.getProperty("bench.redisServer", "/usr/bin/redis-server")))) {
            String hosts = "-Dquarkus.redis.hosts=" + redis.uri();
            latencyAndCommands(redis, plainJar, redisJar, hosts, count, rounds, commandWrites);
            if (browsers > 0) {
                redis.command("FLUSHALL");
                heapPerBrowser(redis, plainJar, redisJar, hosts, heap, browsers, snapshotBytes);
            }
        }
    }

    private static void latencyAndCommands(
            RedisProcess redis, Path plainJar, Path redisJar, String hosts, int count, int rounds, int commandWrites)
            throws Exception {
        int perRound = count / rounds;
        try (BenchServer plain = BenchServer.start(plainJar, "scaleout-alone", "-Xmx1g");
                BenchServer nodeA = BenchServer.start(redisJar, "scaleout-node-a", "-Xmx1g", hosts);
                BenchServer nodeB = BenchServer.start(redisJar, "scaleout-node-b", "-Xmx1g", hosts);
                Clients plainClients = new Clients(plain.port(), 4);
                Clients nodeAClients = new Clients(nodeA.port(), 4)) {
            ProtocolClient alone = Await.result(ProtocolClient.connect(plainClients, Clients.hello(1024, 4, "a")), 30);
            ProtocolClient shared = Await.result(ProtocolClient.connect(nodeAClients, Clients.hello(1024, 4, "s")), 30);
            String credential = shared.credential;
            // Each node's copy reads the browser from Redis once the owner (A) has put its hello there.
            String same = "/bench/writes/latency?browser=" + shared.browserId;
            ready(nodeA, same, credential);
            ready(nodeB, same, credential);

            long[] alones = new long[0];
            long[] sames = new long[0];
            long[] crosses = new long[0];
            for (int round = 0; round < rounds; round++) {
                String query = "&warmup=" + (round == 0 ? WARMUP : 0) + "&count=" + perRound;
                alones = Stats.concat(
                        alones, nanos(plain.call("POST", "/bench/writes/latency?browser=" + alone.browserId + query)));
                sames = Stats.concat(sames, nanos(nodeA.call("POST", same + query, credential)));
                crosses = Stats.concat(crosses, nanos(nodeB.call("POST", same + query, credential)));
            }
            System.out.printf(
                    "write -> ack, %d rounds of %d per kind (%d warm-up each first), load average %s%n",
                    rounds, perRound, WARMUP, loadAverage());
            Stats aloneStats = Stats.of(alones);
            Stats sameStats = Stats.of(sames);
            Stats crossStats = Stats.of(crosses);
            System.out.println("  alone (one node, no Redis):         " + aloneStats);
            System.out.println("  same node (socket on A, write on A): " + sameStats);
            System.out.println("  cross node (socket on A, write on B): " + crossStats);
            System.out.printf(
                    "  p50: cross / same = %.2fx (target <= 1.5x); same / alone = %.2fx; cross / alone = %.2fx%n",
                    ratio(crossStats.p50(), sameStats.p50()),
                    ratio(sameStats.p50(), aloneStats.p50()),
                    ratio(crossStats.p50(), aloneStats.p50()));
            System.out.printf(
                    "  p99: cross / same = %.2fx; same / alone = %.2fx%n",
                    ratio(crossStats.p99(), sameStats.p99()), ratio(sameStats.p99(), aloneStats.p99()));
            System.out.printf("  the Java client applied %d batches on node A's socket%n", shared.batchesApplied());

            // Commands per write: what the two nodes send while idle is measured first and subtracted.
            Map<String, Long> before = redis.commandCalls();
            long idleStart = System.nanoTime();
            TimeUnit.SECONDS.sleep(4);
            Map<String, Long> idle = minus(redis.commandCalls(), before);
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
            System.out.printf(
                    "Redis commands per write (%d writes of each kind; background while idle, subtracted: %s in %.1f s)%n",
                    commandWrites, idle, idleSeconds);
            commandsPerWrite(redis, "same node", nodeA, same, credential, commandWrites, idle, idleSeconds);
            commandsPerWrite(redis, "cross node", nodeB, same, credential, commandWrites, idle, idleSeconds);
        }
    }

    /** Waits until a node's copy of the browser is connected and hydrated: one untimed write. */
    private static void ready(BenchServer node, String path, String credential) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                node.call("POST", path + "&warmup=1&count=1", credential);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static void commandsPerWrite(
            RedisProcess redis,
            String kind,
            BenchServer node,
            String path,
            String credential,
            int writes,
            Map<String, Long> idle,
            double idleSeconds)
            throws Exception {
        Map<String, Long> before = redis.commandCalls();
        long start = System.nanoTime();
        node.call("POST", path + "&warmup=0&count=" + writes, credential);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> used = minus(redis.commandCalls(), before);
        double total = 0;
        double scripts = 0;
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Long> entry : used.entrySet()) {
            double background = idle.getOrDefault(entry.getKey(), 0L) * seconds / idleSeconds;
            double perWrite = Math.max(0, entry.getValue() - background) / writes;
            if (perWrite < 0.005) {
                continue;
            }
            // INFO counts the commands itself: "info" is the harness's own.
            if (entry.getKey().equals("info")) {
                continue;
            }
            total += perWrite;
            if (entry.getKey().startsWith("eval")) {
                scripts += perWrite;
            }
            line.append(String.format(" %s %.2f", entry.getKey(), perWrite));
        }
        System.out.printf(
                "  %s: %.2f commands per write counting the scripts' inner calls, of which %.2f scripts (eval/evalsha);"
                        + " per command:%s (%.1f s, %.0f writes/s)%n",
                kind, total, scripts, line, seconds, writes / seconds);
    }

    private static void heapPerBrowser(
            RedisProcess redis,
            Path plainJar,
            Path redisJar,
            String hosts,
            String heap,
            int browsers,
            int snapshotBytes)
            throws Exception {
        System.out.printf(
                "heap per browser: %d browsers, each one socket with a %d-byte snapshot (5 keys), hydrated; load average %s%n",
                browsers, snapshotBytes, loadAverage());
        double alone = perBrowser(null, plainJar, "scaleout-heap-alone", heap, browsers, snapshotBytes);
        double shared = perBrowser(redis, redisJar, "scaleout-heap-redis", heap, browsers, snapshotBytes, hosts);
        System.out.printf(
                "  per browser: alone %.0f bytes, one node with the Redis module %.0f bytes: %.2fx (target: unchanged,"
                        + " 1.00x); difference %.0f bytes; load average %s%n",
                alone, shared, shared / alone, shared - alone, loadAverage());
    }

    private static double perBrowser(
            RedisProcess redis, Path jar, String label, String heap, int n, int snapshotBytes, String... more)
            throws Exception {
        String[] options = new String[more.length + 1];
        options[0] = heap;
        System.arraycopy(more, 0, options, 1, more.length);
        try (BenchServer server = BenchServer.start(jar, label, options);
                Clients clients = new Clients(server.port(), n + Connections.WARMUP + 256)) {
            Map<String, Integer> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
            java.util.function.IntFunction<Future<Void>> open =
                    i -> connect(clients, Clients.hello(snapshotBytes, 5, label + i), 1, failures);
            int warmed = Connections.openAll(open, Connections.WARMUP, 0);
            settle(redis);
            JsonObject before = server.heap();
            long redisBefore =
                    redis == null ? 0 : Long.parseLong(redis.info("memory").get("used_memory"));
            long start = System.nanoTime();
            int opened = Connections.openAll(open, n, Connections.WARMUP);
            double seconds = (System.nanoTime() - start) / 1e9;
            settle(redis);
            JsonObject after = server.heap();
            long growth = after.getLong("usedBytes") - before.getLong("usedBytes");
            System.out.printf(
                    "  %s: %d warm-up + %d browsers hydrated in %.1f s; app heap after GC %d -> %d bytes (%d per browser);"
                            + " app holds %d sockets, %d browsers in its registry%n",
                    label,
                    warmed,
                    opened,
                    seconds,
                    before.getLong("usedBytes"),
                    after.getLong("usedBytes"),
                    growth / opened,
                    after.getLong("connections"),
                    after.getInteger("sessions"));
            if (!failures.isEmpty()) {
                System.out.printf(
                        "  %s: connections that failed and were made again (as the glue reconnects), by reason: %s%n",
                        label, failures);
            }
            histogram(server, label);
            if (redis != null) {
                long redisAfter = Long.parseLong(redis.info("memory").get("used_memory"));
                System.out.printf(
                        "  %s: Redis used_memory %d -> %d bytes (%d per browser), %s keys%n",
                        label, redisBefore, redisAfter, (redisAfter - redisBefore) / opened, redis.command("DBSIZE"));
            }
            return (double) growth / opened;
        }
    }

    /**
     * Connects a browser and waits for its {@code welcome}; one that is refused, closed or not
     * welcomed within 30 s is made again a second later, as the glue reconnects (a fresh browser: the
     * harness keeps no cookie), at most 5 times. Each failure is counted by its reason.
     */
    private static Future<Void> connect(Clients clients, String hello, int attempt, Map<String, Integer> failures) {
        Promise<Void> done = Promise.promise();
        long timer = clients.vertx.setTimer(30_000, id -> done.tryFail("no welcome within 30 s"));
        ProtocolClient.connect(clients, hello).onComplete(result -> {
            clients.vertx.cancelTimer(timer);
            if (result.succeeded()) {
                done.tryComplete();
            } else {
                done.tryFail(result.cause());
            }
        });
        return done.future().recover(failure -> {
            String reason = String.valueOf(failure.getMessage());
            failures.merge(reason.substring(0, Math.min(100, reason.length())), 1, Integer::sum);
            if (attempt >= 5) {
                return Future.failedFuture(failure);
            }
            Promise<Void> again = Promise.promise();
            clients.vertx.setTimer(
                    1000, id -> connect(clients, hello, attempt + 1, failures).onComplete(again));
            return again.future();
        });
    }

    /**
     * What the app holds, from {@code jcmd <pid> GC.class_histogram} (after a full GC): the copies of
     * browsers and tabs, the sockets' connections, and the classes that take the most heap.
     */
    private static void histogram(BenchServer server, String label) throws Exception {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(server.pid()),
                        "GC.class_histogram")
                .redirectErrorStream(true)
                .start();
        String text = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        StringBuilder ours = new StringBuilder();
        StringBuilder top = new StringBuilder();
        int rank = 0;
        for (String line : text.split("\n")) {
            // "   1:        123456       7890123  java.lang.String (java.base@17)"
            String[] cells = line.trim().split("\\s+");
            if (cells.length < 4 || !cells[0].endsWith(":")) {
                continue;
            }
            rank++;
            String name = cells[3];
            if (rank <= 6) {
                top.append(String.format(" %s %s/%s bytes;", name, cells[1], cells[2]));
            }
            if (name.equals("dev.browserstorage.browser.Browser")
                    || name.equals("dev.browserstorage.browser.Tab")
                    || name.equals("dev.browserstorage.protocol.SyncConnection")) {
                ours.append(String.format(" %s %s;", name.substring(name.lastIndexOf('.') + 1), cells[1]));
            }
        }
        System.out.printf("  %s: instances:%s largest classes (instances/bytes):%s%n", label, ours, top);
    }

    /** Waits until the node's Redis work after the hellos (claims, mirrored states, copies' reads) is done. */
    private static void settle(RedisProcess redis) throws Exception {
        if (redis == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = Long.parseLong(redis.info("stats").get("total_commands_processed"));
            // A heartbeat or two a second is background; anything more is still settling.
            if (last >= 0 && now - last < 20) {
                return;
            }
            last = now;
            TimeUnit.SECONDS.sleep(1);
        }
        System.out.println("  (Redis still busy after 60 s; measuring anyway)");
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((name, calls) -> {
            long used = calls - before.getOrDefault(name, 0L);
            if (used > 0) {
                difference.put(name, used);
            }
        });
        return difference;
    }

    private static long[] nanos(JsonObject samples) {
        return samples.getJsonArray("nanos").stream()
                .mapToLong(n -> ((Number) n).longValue())
                .toArray();
    }

    private static double ratio(long a, long b) {
        return (double) a / b;
    }

    static String loadAverage() {
        try {
            String line =
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
            String[] parts = line.split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
