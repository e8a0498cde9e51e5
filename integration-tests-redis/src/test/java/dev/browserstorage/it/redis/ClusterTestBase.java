package dev.browserstorage.it.redis;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * One cluster per test class: a real Redis, two nodes of the demo sharing browsers through it, and
 * HAProxy in front of them, each its own process on the loopback address (logs in
 * {@code target/nodes/<test class>/}). Before each test, whatever an earlier test stopped or killed
 * is started again on its port, so each test begins with the whole cluster up.
 *
 * <p>No test may hang: every test has a preemptive timeout, and every wait inside is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ClusterTestBase {
    /** Where the demo keeps its preferences (Preferences, @LocalStorage("prefs")). */
    static final String THEME = "demo:prefs.theme";

    static final String FONT_SIZE = "demo:prefs.fontSize";
    static final Duration BATCH_TIMEOUT = Duration.ofSeconds(10);

    static RedisServer redis;
    static AppNode node1;
    static AppNode node2;
    static Balancer balancer;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startCluster(org.junit.jupiter.api.TestInfo info) {
        Binaries.require("redis-server", "haproxy");
        Path logs = Waits.logDir(info.getTestClass().map(Class::getSimpleName).orElse("cluster"));
        redis = new RedisServer(logs).start();
        node1 = new AppNode("node1", logs, redis);
        node2 = new AppNode("node2", logs, redis);
        // Both JVMs start at once: half the wait.
        node1.launch();
        node2.launch();
        node1.awaitReady();
        node2.awaitReady();
        balancer = new Balancer(logs, List.of(node1, node2));
    }

    @AfterAll
    static void stopCluster() {
        for (AutoCloseable process : new AutoCloseable[] {balancer, node1, node2, redis}) {
            if (process != null) {
                try {
                    process.close();
                } catch (Exception e) {
                    System.err.println("could not stop " + process + ": " + e);
                }
            }
        }
        balancer = null;
        node1 = null;
        node2 = null;
        redis = null;
    }

    @BeforeEach
    void wholeClusterUp() {
        if (!redis.isRunning()) {
            redis.start();
        }
        if (!node1.isRunning()) {
            node1.launch();
        }
        if (!node2.isRunning()) {
            node2.launch();
        }
        node1.awaitReady();
        node2.awaitReady();
        // The balancer's checks (every 300 ms, one success to rise) see a restarted node soon.
        Waits.sleep(700);
    }

    /**
     * Opens a page's sync socket and says {@code hello}; the server must answer {@code welcome}.
     *
     * @param base the page's server: a node or the balancer
     * @param credential the browser's {@code bs_id} credential
     * @param local what the browser holds in localStorage (the app's keys)
     * @param applied the highest id of the browser's batches it applied
     * @param tab the tab's id
     * @return the socket, after {@code welcome}
     */
    static SyncSocket connect(URI base, String credential, Map<String, String> local, long applied, String tab)
            throws IOException {
        SyncSocket socket = SyncSocket.open(base, credential);
        try {
            socket.hello(local, applied, tab, false);
            socket.welcome();
            return socket;
        } catch (RuntimeException | AssertionError e) {
            socket.close();
            throw e;
        }
    }

    /** @return a JSON string as localStorage holds a typed string or enum value */
    static String jsonText(String value) {
        return Http.json(value);
    }
}
