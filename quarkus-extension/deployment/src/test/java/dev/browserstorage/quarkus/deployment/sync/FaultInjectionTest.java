package dev.browserstorage.quarkus.deployment.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.FaultyProxy;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults: a browser connected through {@link FaultyProxy}, which cuts its connections after random
 * numbers of bytes and stalls them, while the server writes to it in batches. The browser
 * reconnects and says hello again each time. When the network heals, every write whose stage
 * completed is in the browser's storage, none was applied twice, and the server's view equals the
 * browser's.
 *
 * <p>3 runs of 400 writes by default (CI); {@code -Dbrowserstorage.faults.runs=30} runs more.
 */
class FaultInjectionTest {
    private static final int RUNS = Integer.getInteger("browserstorage.faults.runs", 3);
    private static final int ROUNDS = 40;
    private static final int PER_ROUND = 10;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
            "test",
            Prefs.class,
            PrefsStore.class,
            jar -> jar.addClasses(Credentials.class, GlueClient.class, FaultyProxy.class));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    @Test
    void writesSurviveCutAndStalledConnectionsExactlyOnce() throws Exception {
        int cuts = 0;
        int stalls = 0;
        int connections = 0;
        int checked = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = 7919L * (run + 1);
            String browserId = Credentials.issue(base);
            try (FaultyProxy proxy = FaultyProxy.start(vertx, base.getPort(), seed);
                    GlueClient browser = new GlueClient(vertx, base.getHost(), browserId)) {
                browser.stayConnected(proxy.port());
                Browser session = awaitHydrated(browserId);

                Random random = new Random(seed);
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    List<Write> batch = new ArrayList<>();
                    for (int i = 0; i < PER_ROUND; i++) {
                        int n = round * PER_ROUND + i;
                        // Some batches carry several writes, some one: both are applied all or nothing.
                        batch.add(Write.set(StorageArea.LOCAL, "test:f" + n, "\"" + n + "\""));
                        if (random.nextInt(3) == 0) {
                            stages.add(session.write(batch).toCompletableFuture());
                            batch = new ArrayList<>();
                        }
                    }
                    if (!batch.isEmpty()) {
                        stages.add(session.write(batch).toCompletableFuture());
                    }
                    Thread.sleep(random.nextInt(30));
                }
                Thread.sleep(500);
                proxy.heal();
                CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new))
                        .get(60, TimeUnit.SECONDS);

                for (int n = 0; n < ROUNDS * PER_ROUND; n++) {
                    String key = "test:f" + n;
                    assertThat(browser.local.get(key))
                            .as("run %d: acknowledged write %s in the browser", run, key)
                            .isEqualTo("\"" + n + "\"");
                    assertThat(browser.writes.get(key))
                            .as("run %d: times %s was applied", run, key)
                            .isEqualTo(1);
                    checked++;
                }
                assertThat(session.entries(StorageArea.LOCAL))
                        .as("the server's view is the browser's")
                        .containsExactlyInAnyOrderEntriesOf(browser.local);
                cuts += proxy.cuts.get();
                stalls += proxy.stalls.get();
                connections += browser.connections.get();
            }
        }
        System.out.printf(
                "FaultInjectionTest: %d runs, %,d writes checked, %d connections cut, %d stalls, %d connections "
                        + "(re)opened; lost 0, duplicated 0%n",
                RUNS, checked, cuts, stalls, connections);
        assertThat(cuts).as("connections cut").isPositive();
        assertThat(connections).as("the browsers reconnected").isGreaterThan(RUNS);
    }

    private Browser awaitHydrated(String browserId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Browser session = browsers.find(Credentials.id(browserId)).orElse(null);
            if (session != null && session.isHydrated()) {
                return session;
            }
            assertThat(System.nanoTime()).as("hydrated within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
