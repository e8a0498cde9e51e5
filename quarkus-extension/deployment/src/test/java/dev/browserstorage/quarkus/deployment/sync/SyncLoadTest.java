package dev.browserstorage.quarkus.deployment.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.GlueClient;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load: many browsers connected to one server, each receiving many server writes, every write
 * acknowledged. Counts prove that none is lost and none applied twice; latency (from the write
 * call to its completed stage) is reported, never asserted.
 *
 * <p>200 browsers x 20 writes by default (CI); {@code -Dbrowserstorage.load.browsers=1000
 * -Dbrowserstorage.load.writes=100} runs the full size.
 */
class SyncLoadTest {
    private static final int BROWSERS = Integer.getInteger("browserstorage.load.browsers", 200);
    private static final int WRITES = Integer.getInteger("browserstorage.load.writes", 20);

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
            "test", Prefs.class, PrefsStore.class, jar -> jar.addClasses(Credentials.class, GlueClient.class));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    @Test
    void everyWriteToEveryBrowserIsAcknowledgedAndAppliedExactlyOnce() throws Exception {
        List<GlueClient> clients = new ArrayList<>();
        List<Browser> server = new ArrayList<>();
        try {
            for (int b = 0; b < BROWSERS; b++) {
                String id = Credentials.issue(base);
                GlueClient browser = new GlueClient(vertx, base.getHost(), id);
                clients.add(browser);
                browser.connect(base.getPort()).get(30, TimeUnit.SECONDS);
                server.add(browsers.find(Credentials.id(id)).orElseThrow());
            }

            long[] latencies = new long[BROWSERS * WRITES];
            List<CompletableFuture<Void>> stages = new ArrayList<>();
            long started = System.nanoTime();
            // Round by round, every browser gets one write: the server's writes interleave as a
            // busy app's would.
            for (int w = 0; w < WRITES; w++) {
                for (int b = 0; b < BROWSERS; b++) {
                    int slot = w * BROWSERS + b;
                    long start = System.nanoTime();
                    stages.add(server.get(b)
                            .write(List.of(Write.set(StorageArea.LOCAL, "test:k" + w, "\"" + w + "\"")))
                            .toCompletableFuture()
                            .thenRun(() -> latencies[slot] = System.nanoTime() - start));
                }
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - started;

            int lost = 0;
            int duplicated = 0;
            for (GlueClient browser : clients) {
                for (int w = 0; w < WRITES; w++) {
                    if (!("\"" + w + "\"").equals(browser.local.get("test:k" + w))) {
                        lost++;
                    }
                    if (browser.writes.getOrDefault("test:k" + w, 0) != 1) {
                        duplicated++;
                    }
                }
            }
            assertThat(lost).as("acknowledged writes missing from a browser").isZero();
            assertThat(duplicated).as("writes applied other than once").isZero();
            assertThat(server)
                    .allSatisfy(session -> assertThat(session.pendingBatchIds()).isEmpty());

            Arrays.sort(latencies);
            System.out.printf(
                    "SyncLoadTest: %d browsers x %d writes = %,d acknowledged, lost 0, duplicated 0, in %,d ms "
                            + "(%,.0f writes/s); latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    BROWSERS,
                    WRITES,
                    latencies.length,
                    elapsed / 1_000_000,
                    latencies.length * 1e9 / elapsed,
                    latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6,
                    latencies[latencies.length - 1] / 1e6);
        } finally {
            for (GlueClient browser : clients) {
                browser.close();
            }
        }
    }
}
