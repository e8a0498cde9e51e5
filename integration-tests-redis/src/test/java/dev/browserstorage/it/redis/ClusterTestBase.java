package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.redis.testing.Binaries;
import dev.browserstorage.quarkus.redis.testing.RedisServer;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
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
    private static final AtomicBoolean KILL_ON_EXIT = new AtomicBoolean();

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    static void startCluster(TestInfo info) {
        Binaries.require("redis-server", "haproxy");
        if (KILL_ON_EXIT.compareAndSet(false, true)) {
            killProcessesOnExit();
        }
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

    /** A test JVM stopped early (Ctrl-C, a fork timeout) leaves no Redis, node or HAProxy behind. */
    private static void killProcessesOnExit() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly),
                        "kill-cluster-processes"));
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
     * A new browser whose first request went to {@code node}, with one page of it (not yet connected).
     *
     * @param node where the browser's first request goes, which issues its credential
     * @param tab the page's tab id
     * @return the page
     */
    static Page newPage(AppNode node, String tab) {
        return new Page(Http.newBrowser(node.url()), tab);
    }

    /**
     * Checks that a batch writes a localStorage key.
     *
     * @param batch the batch frame
     * @param key the key
     * @param value the stored text it must write
     */
    static void assertWritesLocal(JsonNode batch, String key, String value) {
        for (JsonNode write : batch.path("writes")) {
            if ("local".equals(write.path("area").asText())
                    && key.equals(write.path("key").asText())
                    && value.equals(write.path("value").asText(null))) {
                return;
            }
        }
        throw new AssertionError("the batch does not write localStorage " + key + " = " + value + ": " + batch);
    }

    /**
     * Waits for an answer that may only come later (a write answers once the browser acknowledged it).
     *
     * @param answer the pending answer
     * @param timeout how long at most
     * @param what what the answer is, for the failure's message
     * @return the answer
     */
    /**
     * The batch a write made on node 2 brings to the page's socket on node 1, within {@link
     * #BATCH_TIMEOUT}; says what the write answered if none comes.
     */
    static JsonNode batchFromOtherNode(Page page, CompletableFuture<Http.Answer> write) {
        JsonNode batch = page.socket
                .poll(BATCH_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no frame reached the browser's socket on node 1 within "
                        + BATCH_TIMEOUT.toSeconds() + " s of the write on node 2; the write answered: "
                        + answeredYet(write).map(Object::toString).orElse("nothing yet")));
        assertThat(batch.path("t").asText()).as("%s", batch).isEqualTo("batch");
        return batch;
    }

    static Http.Answer answerWithin(CompletableFuture<Http.Answer> answer, Duration timeout, String what) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + what + " within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the answer now, if it came: a write that answers before its ack has failed */
    static Optional<Http.Answer> answeredYet(CompletableFuture<Http.Answer> answer) {
        return answer.isDone() ? Optional.of(answer.join()) : Optional.empty();
    }

    /** @return a JSON string as localStorage holds a typed string or enum value */
    static String jsonText(String value) {
        return Http.json(value);
    }
}
