package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: a Redis, two nodes of the app using it and HAProxy in front start, and the
 * balancer spreads requests over both nodes. It does not depend on what the nodes share.
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
}
