package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What fails in a cluster: a node killed under a browser's socket while a write for it waits, and
 * Redis going away and coming back (issue #16). Each test starts with the whole cluster up again.
 */
class FailuresIT extends ClusterTestBase {
    private static final String DARK = jsonText("DARK");
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration OUTAGE_ANSWER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(20);

    /**
     * (d) The node holding the socket dies (kill -9) while a write made on node 2 waits for the
     * browser's ack. The page reconnects through the balancer, says hello with its applied count, and
     * gets the waiting batch; its ack completes the write, once.
     */
    @Test
    void aPendingWriteOutlivesTheNodeThatHeldTheSocket() throws Exception {
        try (Page page = newPage(node1, "tab-d")) {
            page.connect(node1.url(), false);

            CompletableFuture<Http.Answer> write =
                    Http.post(node2.url(), "api/prefs", "{\"theme\":\"DARK\"}", page.credential);
            JsonNode sent = batchFromOtherNode(page, write);
            assertWritesLocal(sent, THEME, DARK);

            // The browser never applied it: node 1 dies before the page could.
            node1.kill9();
            assertThat(answeredYet(write))
                    .as("the write waits for the browser, though the node that sent it died")
                    .isEmpty();

            page.reconnect(balancer.url(), RECONNECT_TIMEOUT);
            JsonNode resent = page.socket
                    .poll(BATCH_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("the waiting batch did not reach the reconnected page within "
                            + BATCH_TIMEOUT.toSeconds() + " s; the write answered: "
                            + answeredYet(write).map(Object::toString).orElse("nothing yet")));
            assertThat(resent.path("t").asText()).as("%s", resent).isEqualTo("batch");
            assertWritesLocal(resent, THEME, DARK);
            assertThat(resent.path("token").asText())
                    .as("the same batch (its token), sent again, not a copy of it")
                    .isEqualTo(sent.path("token").asText());
            page.apply(resent);

            Http.Answer written = answerWithin(write, BATCH_TIMEOUT, "the write on node 2 after the ack");
            assertThat(written.status()).as("the write on node 2: %s", written).isEqualTo(200);
            assertThat(page.socket.poll(Duration.ofSeconds(2)))
                    .as("the acknowledged batch is not sent again")
                    .isEmpty();

            Http.Answer read = Http.get(node2.url(), "api/prefs", page.credential);
            assertThat(read.status()).as("read on node 2: %s", read).isEqualTo(200);
            assertThat(read.json().path("theme").asText()).isEqualTo("DARK");
        }
    }

    /**
     * (f) Redis stops: a write that needs it answers at once with the storage error (it does not
     * hang); Redis starts again (empty: it saves nothing): within seconds writes work again.
     */
    @Test
    void withoutRedisAWriteFailsClearlyAndWritesWorkAgainWhenItIsBack() throws Exception {
        try (Page page = newPage(node1, "tab-f")) {
            page.connect(node1.url(), false);

            redis.stop();
            CompletableFuture<Http.Answer> write =
                    Http.post(node2.url(), "api/prefs", "{\"theme\":\"DARK\"}", page.credential);
            Http.Answer refused = answerWithin(write, OUTAGE_ANSWER_TIMEOUT, "a write on node 2 with Redis stopped");
            assertThat(refused.status())
                    .as(
                            "a write with Redis stopped answers with the storage error (StorageErrors: 409, or 503): %s",
                            refused)
                    .isIn(409, 503);
            assertThat(refused.json().path("error").asText())
                    .as("the typed error's code: %s", refused)
                    .isEqualTo("storage");
            assertThat(refused.json().path("message").asText())
                    .as("it says why")
                    .isNotBlank();

            redis.start();
            Http.Answer last = null;
            long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                last = attemptWrite(page, "{\"fontSize\":18}");
                if (last != null && last.status() == 200) {
                    break;
                }
                Waits.sleep(500);
            }
            Http.Answer recovered = last;
            assertThat(recovered)
                    .as("a write on node 2 answers within %s s of Redis starting again", RECOVERY_TIMEOUT.toSeconds())
                    .isNotNull();
            assertThat(recovered.status())
                    .as(
                            "a write on node 2 within %s s of Redis starting again: %s",
                            RECOVERY_TIMEOUT.toSeconds(), recovered)
                    .isEqualTo(200);
            assertThat(page.local).containsEntry(FONT_SIZE, "18");

            Http.Answer read = Http.get(node2.url(), "api/prefs", page.credential);
            assertThat(read.json().path("fontSize").asInt())
                    .as("read on node 2: %s", read)
                    .isEqualTo(18);
        }
    }

    /**
     * One try of a write on node 2 while the page serves its socket as the glue does: reconnects it to
     * node 1 if it closed, applies and acknowledges every batch.
     *
     * @return the write's answer, or null when it did not answer within the try
     */
    private static Http.Answer attemptWrite(Page page, String body) {
        if (page.socket == null || !page.socket.isOpen()) {
            try {
                page.connect(node1.url(), true);
            } catch (IOException | RuntimeException | AssertionError e) {
                return null;
            }
        }
        CompletableFuture<Http.Answer> write = Http.post(node2.url(), "api/prefs", body, page.credential);
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (!write.isDone() && System.nanoTime() < until && page.socket.isOpen()) {
            Optional<JsonNode> frame = page.socket.poll(Duration.ofMillis(200));
            if (frame.isPresent() && "batch".equals(frame.get().path("t").asText())) {
                page.apply(frame.get());
            }
        }
        return answeredYet(write).orElse(null);
    }
}
