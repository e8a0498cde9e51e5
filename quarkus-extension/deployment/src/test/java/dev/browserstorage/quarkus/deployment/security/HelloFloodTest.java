package dev.browserstorage.quarkus.deployment.security;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.LogCapture;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood of anonymous hellos: clients without a cookie, each sending a hello as large as the
 * app's budgets allow, then leaving. Nothing they sent may stay on the heap, no hello may be read
 * on the event loop, and ordinary pages keep being served meanwhile. Hostile hellos (a million
 * tiny keys, a cookie string of millions of pairs) are refused while they are read.
 *
 * <p>CI runs it with 2 MB hellos; {@code -Dbrowser-storage.flood.full=true} runs the 20 MB ones
 * whose figures docs/reliability.md gives, with the event loop's blocked-thread warning at 100 ms.
 */
class HelloFloodTest {
    private static final boolean FULL = Boolean.getBoolean("browser-storage.flood.full");
    private static final int CLIENTS = 30;
    /** UTF-8 bytes of one hello: '€' is 3 bytes, 1 UTF-16 unit. */
    private static final int HELLO_BYTES = FULL ? 20 * 1024 * 1024 : 2 * 1024 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test", jar -> jar.addClasses(SyncClient.class, Eventually.class))
            .overrideConfigKey("quarkus.vertx.max-event-loop-execute-time", FULL ? "100ms" : "500ms");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    BrowserRegistry registry;

    @Test
    void thirtyAnonymousHellosLeaveNothingOnTheHeapAndPagesAreServedMeanwhile() throws Exception {
        String hello = bigHello();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        int sessionsBefore = registry.size();
        long heapBefore = usedAfterGc(memory);
        Pages pages = new Pages(base);
        LogCapture blocked = watchBlockedThreads();
        List<Short> outcomes = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                done.add(clients.submit(() -> {
                    try (SyncClient client = SyncClient.connect(vertx, base, null, null)) {
                        client.socket.writeTextMessage(hello);
                        JsonObject answer = client.next();
                        outcomes.add(answer.getString("t").equals("welcome") ? (short) 0 : (short) 1);
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdown();
            pages.stop();
            blocked.close();
        }
        waitUntil(
                () -> registry.size() == sessionsBefore && registry.heldSnapshotChars() == 0,
                () -> registry.size() + " sessions, " + registry.heldSnapshotChars() + " chars held");
        long heapAfter = usedAfterGc(memory);
        System.out.printf(
                "HelloFloodTest: %d anonymous hellos of %,d bytes: heap %,d -> %,d bytes after GC (%+,d); "
                        + "%d page loads meanwhile, median %d ms, slowest %d ms; blocked-thread warnings: %d%n",
                CLIENTS,
                HELLO_BYTES,
                heapBefore,
                heapAfter,
                heapAfter - heapBefore,
                pages.latencies.size(),
                pages.median(),
                pages.slowest(),
                blocked.records.size());
        assertThat(outcomes)
                .as("every hello within the budgets is welcomed")
                .hasSize(CLIENTS)
                .containsOnly((short) 0);
        assertThat(heapAfter - heapBefore).as("heap held after the flood").isLessThan(100L * 1024 * 1024);
        assertThat(pages.failures).as("pages that failed meanwhile").isEmpty();
        assertThat(pages.latencies).as("pages were loaded meanwhile").isNotEmpty();
        assertThat(blocked.texts()).as("event-loop blocks").isEmpty();
    }

    @Test
    void hostileHellosAreRefusedWhileReadAndOffTheEventLoop() throws Exception {
        StringBuilder keys = new StringBuilder(
                "{\"t\":\"hello\",\"v\":1,\"app\":\"test\",\"page\":\"http://localhost/\",\"local\":{");
        // Over the 5 Mi units of the area budget: some 13 units a key and value, 20 characters of JSON.
        for (int i = 0; i < (FULL ? 1_000_000 : 600_000); i++) {
            keys.append(i == 0 ? "" : ",").append("\"test:k").append(i).append("\":\"1\"");
        }
        String manyKeys = keys.append("},\"cookies\":\"\",\"applied\":0}").toString();
        String manyCookies = new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", new JsonObject())
                .put("cookies", "a=b; ".repeat(FULL ? 3_000_000 : 300_000))
                .put("applied", 0)
                .encode();
        Pages pages = new Pages(base);
        LogCapture blocked = watchBlockedThreads();
        List<String> refusals = new ArrayList<>();
        try {
            for (String hello : List.of(manyKeys, manyCookies)) {
                try (SyncClient client = SyncClient.connect(vertx, base, null, null)) {
                    var closed = client.closed();
                    client.socket.writeTextMessage(hello);
                    JsonObject error = client.next();
                    assertThat(error.getString("code")).isEqualTo("protocol");
                    refusals.add(error.getString("message"));
                    assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo((short) 4400);
                }
            }
        } finally {
            pages.stop();
            blocked.close();
        }
        System.out.printf(
                "HelloFloodTest: hostile hellos of %,d and %,d chars refused (%s); %d page loads meanwhile, slowest"
                        + " %d ms; blocked-thread warnings: %d%n",
                manyKeys.length(),
                manyCookies.length(),
                refusals,
                pages.latencies.size(),
                pages.slowest(),
                blocked.records.size());
        assertThat(refusals.get(0)).contains("budget");
        assertThat(refusals.get(1)).contains("cookies");
        assertThat(pages.failures).isEmpty();
        assertThat(blocked.texts()).as("event-loop blocks").isEmpty();
    }

    /** A valid hello of {@link #HELLO_BYTES} UTF-8 bytes: values of 1 MiB at most, in localStorage and sessionStorage. */
    private static String bigHello() {
        JsonObject local = new JsonObject();
        JsonObject session = new JsonObject();
        int perValue = (1024 * 1024 - 2) / 3;
        int values = Math.max(2, HELLO_BYTES / (perValue * 3));
        for (int i = 0; i < values; i++) {
            (i % 2 == 0 ? local : session).put("test:v" + i, "\"" + "€".repeat(perValue - 2) + "\"");
        }
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", local)
                .put("session", session)
                .put("cookies", "")
                .put("applied", 0)
                .encode();
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Collects Vert.x's blocked-thread warnings until closed. */
    private static LogCapture watchBlockedThreads() {
        return LogCapture.of(
                "io.vertx.core.impl.BlockedThreadChecker",
                record -> String.valueOf(record.getMessage()).contains("has been blocked for"));
    }

    /** Loads an ordinary page (the glue) every 50 ms on a thread of its own until stopped. */
    private static final class Pages {
        final List<Long> latencies = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Pages(URI base) {
            // HTTP/1.1 as a page load is: the JDK client's h2c upgrade of a plain-HTTP request is not what is measured.
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try {
                // The client's first request sets up its connection: not a page load of the flood.
                http.send(
                        HttpRequest.newBuilder(base.resolve("/_storage/storage.js"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            thread = new Thread(
                    () -> {
                        while (running.get()) {
                            long started = System.nanoTime();
                            try {
                                HttpResponse<String> page = http.send(
                                        HttpRequest.newBuilder(base.resolve("/_storage/storage.js"))
                                                .timeout(Duration.ofSeconds(30))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                                if (page.statusCode() != 200) {
                                    failures.add("status " + page.statusCode());
                                }
                                latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                                Thread.sleep(50);
                            } catch (Exception e) {
                                failures.add(e.toString());
                            }
                        }
                    },
                    "page-loads");
            thread.start();
        }

        long slowest() {
            return latencies.stream().mapToLong(Long::longValue).max().orElse(-1);
        }

        long median() {
            return latencies.stream()
                    .mapToLong(Long::longValue)
                    .sorted()
                    .skip(latencies.size() / 2)
                    .findFirst()
                    .orElse(-1);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
        }
    }
}
