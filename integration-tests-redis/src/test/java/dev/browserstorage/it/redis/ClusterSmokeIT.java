package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: a Redis, two nodes of the app using it and HAProxy in front start, the
 * balancer spreads requests over both nodes and drops a dead one, each process stops and starts
 * again on its port, and the test client speaks the sync protocol. Nothing here depends on what the
 * nodes share through Redis, so it passes before the scale-out does.
 */
class ClusterSmokeIT extends ClusterTestBase {

    @Test
    void bothNodesAnswer() {
        assertThat(redis.ping()).as("Redis answers PING").isTrue();
        for (AppNode node : new AppNode[] {node1, node2}) {
            Http.Answer page = Http.get(node.url(), "", null);
            assertThat(page.status()).as("GET / on %s: %s", node, page).isEqualTo(200);
        }
    }

    @Test
    void theBalancerSendsSuccessiveRequestsToBothNodes() {
        Set<String> nodes = new HashSet<>();
        for (int i = 0; i < 10 && nodes.size() < 2; i++) {
            Http.Answer page = Http.get(balancer.url(), "", null);
            assertThat(page.status()).as("GET / through %s: %s", balancer, page).isEqualTo(200);
            assertThat(page.node()).as("the balancer names the node in X-Node").isPresent();
            nodes.add(page.node().get());
        }
        assertThat(nodes).containsExactlyInAnyOrder(node1.name(), node2.name());
    }

    @Test
    void aKilledNodeLeavesTheRotationSoonAndComesBackWhenStarted() {
        node2.kill9();
        Waits.until(
                "the balancer sends every request to node 1 after node 2 died",
                Duration.ofSeconds(5),
                () -> Http.get(balancer.url(), "", null).node().equals(Optional.of(node1.name())));
        for (int i = 0; i < 4; i++) {
            Http.Answer page = Http.get(balancer.url(), "", null);
            assertThat(page.status())
                    .as("GET / through the balancer, node 2 dead: %s", page)
                    .isEqualTo(200);
            assertThat(page.node()).contains(node1.name());
        }

        node2.start();
        Set<String> nodes = new HashSet<>();
        Waits.until("the balancer sends requests to node 2 again", Duration.ofSeconds(5), () -> {
            Http.get(balancer.url(), "", null).node().ifPresent(nodes::add);
            return nodes.contains(node2.name());
        });
    }

    @Test
    void redisStopsAndStartsAgainOnItsPort() {
        int port = redis.port();
        redis.stop();
        assertThat(redis.ping()).as("a stopped Redis does not answer").isFalse();
        redis.start();
        assertThat(redis.port()).isEqualTo(port);
        assertThat(redis.ping()).isTrue();
    }

    /** The test client against one node, which needs nothing shared: hello, welcome, a batch, its ack. */
    @Test
    void theTestClientSpeaksTheSyncProtocolWithOneNode() throws Exception {
        try (Page page = newPage(node1, "tab-smoke")) {
            page.local.put(THEME, jsonText("LIGHT"));
            page.connect(node1.url(), false);
            CompletableFuture<Http.Answer> write =
                    Http.post(node1.url(), "api/prefs", "{\"theme\":\"DARK\"}", page.credential);
            JsonNode batch = page.socket.nextBatch(BATCH_TIMEOUT);
            assertWritesLocal(batch, THEME, jsonText("DARK"));
            assertThat(answeredYet(write)).as("answers after the ack only").isEmpty();
            page.apply(batch);
            Http.Answer written = answerWithin(write, BATCH_TIMEOUT, "the write");
            assertThat(written.status()).as("%s", written).isEqualTo(200);
        }
    }

    /** WebSocket upgrades pass the balancer, whose origin the node accepts as its own. */
    @Test
    void aSyncSocketThroughTheBalancerIsWelcomed() throws Exception {
        try (Page page = new Page(Http.newBrowser(balancer.url()), "tab-balanced")) {
            page.connect(balancer.url(), false);
            assertThat(page.socket.isOpen()).isTrue();
        }
    }
}
