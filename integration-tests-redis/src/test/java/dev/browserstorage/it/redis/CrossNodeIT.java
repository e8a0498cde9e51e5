package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A browser's socket on one node and its HTTP requests on another, as a balancer without sticky
 * sessions sends them: the nodes share the browser through Redis (issue #16).
 */
class CrossNodeIT extends ClusterTestBase {
    private static final String DARK = jsonText("DARK");

    /** (c) One credential for the whole cluster, though no node was given a key: they share one through Redis. */
    @Test
    void aBrowserIdIssuedByOneNodeIsAcceptedByTheOther() {
        String fromNode1 = Http.newBrowser(node1.url());
        Http.Answer onNode2 = Http.get(node2.url(), "", fromNode1);
        assertThat(onNode2.status()).as("GET / on node 2: %s", onNode2).isEqualTo(200);
        assertThat(onNode2.issuedId())
                .as("node 2 keeps the browser's id issued by node 1 (it issued a new one: it does not know"
                        + " node 1's key; with no browser-id-key configured the nodes must share one through Redis)")
                .isEmpty();

        String fromNode2 = Http.newBrowser(node2.url());
        Http.Answer onNode1 = Http.get(node1.url(), "", fromNode2);
        assertThat(onNode1.issuedId())
                .as("node 1 keeps the browser's id issued by node 2: %s", onNode1)
                .isEmpty();

        for (int i = 0; i < 4; i++) {
            Http.Answer through = Http.get(balancer.url(), "", fromNode1);
            assertThat(through.issuedId())
                    .as("request %d through the balancer, answered by %s, keeps the id", i, through.node())
                    .isEmpty();
        }
    }

    /** (a) What a page's hello brought to node 1 is what node 2 reads. */
    @Test
    void aValueTheBrowserSentToOneNodeIsReadOnTheOther() throws Exception {
        try (Page page = newPage(node1, "tab-a")) {
            page.local.put(THEME, DARK);
            page.connect(node1.url(), false);

            Http.Answer read = Http.get(node2.url(), "api/prefs", page.credential);
            assertThat(read.status())
                    .as("GET /api/prefs on node 2, the browser's socket on node 1: %s", read)
                    .isEqualTo(200);
            assertThat(read.json().path("theme").asText())
                    .as("the theme the browser's hello sent to node 1: %s", read)
                    .isEqualTo("DARK");
        }
    }

    /** (b) A write on node 2 goes out on the browser's socket on node 1, and answers once the browser acked it. */
    @Test
    void aWriteOnOneNodeReachesTheSocketOnTheOther() throws Exception {
        try (Page page = newPage(node1, "tab-b")) {
            page.connect(node1.url(), false);

            CompletableFuture<Http.Answer> write =
                    Http.post(node2.url(), "api/prefs", "{\"theme\":\"DARK\"}", page.credential);
            JsonNode batch = batchFromOtherNode(page, write);
            assertWritesLocal(batch, THEME, DARK);
            assertThat(answeredYet(write))
                    .as("the write on node 2 answers only after the browser acknowledged it")
                    .isEmpty();

            page.apply(batch);
            Http.Answer written = answerWithin(write, BATCH_TIMEOUT, "the write on node 2 after the ack");
            assertThat(written.status()).as("the write on node 2: %s", written).isEqualTo(200);
            assertThat(written.json().path("theme").asText()).isEqualTo("DARK");

            for (AppNode node : List.of(node1, node2)) {
                Http.Answer read = Http.get(node.url(), "api/prefs", page.credential);
                assertThat(read.status()).as("read on %s: %s", node, read).isEqualTo(200);
                assertThat(read.json().path("theme").asText())
                        .as("read on %s after the write: %s", node, read)
                        .isEqualTo("DARK");
            }
            assertThat(page.socket.poll(Duration.ofSeconds(1)))
                    .as("nothing more reaches the browser: the write went out once")
                    .isEmpty();
        }
    }

    /**
     * (e) Two pages of one browser, one socket on each node, opened at the same moment: both are
     * welcomed, and a write for the browser reaches it once, on one of them.
     */
    @Test
    void twoSocketsOfOneBrowserOnTwoNodesGetAWriteOnce() throws Exception {
        String credential = Http.newBrowser(node1.url());
        try (Page first = new Page(credential, "tab-e1");
                Page second = new Page(credential, "tab-e2")) {
            CompletableFuture<Void> onNode1 = CompletableFuture.runAsync(() -> connect(first, node1));
            CompletableFuture<Void> onNode2 = CompletableFuture.runAsync(() -> connect(second, node2));
            CompletableFuture.allOf(onNode1, onNode2).get(30, TimeUnit.SECONDS);

            CompletableFuture<Http.Answer> write =
                    Http.post(node1.url(), "api/prefs", "{\"theme\":\"DARK\"}", credential);
            List<String> received = new ArrayList<>();
            JsonNode delivered = null;
            Page deliveredTo = null;
            long deadline = System.nanoTime() + BATCH_TIMEOUT.toNanos();
            while (delivered == null && System.nanoTime() < deadline) {
                for (Page page : List.of(first, second)) {
                    Optional<JsonNode> frame = page.socket.poll(Duration.ofMillis(100));
                    if (frame.isPresent() && delivered == null) {
                        delivered = frame.get();
                        deliveredTo = page;
                        received.add(page.tab + ": " + frame.get());
                    } else {
                        frame.ifPresent(f -> received.add(page.tab + ": " + f));
                    }
                }
            }
            assertThat(delivered)
                    .as("the write reaches one of the browser's sockets within %s s", BATCH_TIMEOUT.toSeconds())
                    .isNotNull();
            assertThat(delivered.path("t").asText()).as("%s", received).isEqualTo("batch");
            assertWritesLocal(delivered, THEME, DARK);
            deliveredTo.apply(delivered);
            // The other page shares the browser's localStorage: it sees the value, and the count, at once.
            Page other = deliveredTo == first ? second : first;
            other.local.put(THEME, DARK);
            other.applied = deliveredTo.applied;

            Http.Answer written = answerWithin(write, BATCH_TIMEOUT, "the write after the ack");
            assertThat(written.status()).as("the write: %s", written).isEqualTo(200);

            for (Page page : List.of(first, second)) {
                page.socket.poll(Duration.ofSeconds(2)).ifPresent(f -> received.add(page.tab + ": " + f));
            }
            assertThat(received)
                    .as("one frame reached the browser, the batch, on one socket only")
                    .hasSize(1);
            for (AppNode node : List.of(node1, node2)) {
                Http.Answer read = Http.get(node.url(), "api/prefs", credential);
                assertThat(read.status())
                        .as("read on %s, where one of the browser's sockets is: %s", node, read)
                        .isEqualTo(200);
                assertThat(read.json().path("theme").asText())
                        .as("read on %s after the write: both sockets are one browser: %s", node, read)
                        .isEqualTo("DARK");
            }
        }
    }

    private static void connect(Page page, AppNode node) {
        try {
            page.connect(node.url(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
