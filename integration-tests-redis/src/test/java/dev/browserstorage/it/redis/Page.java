package dev.browserstorage.it.redis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the glue of one page keeps, by hand: the browser's credential, the app's localStorage, the
 * highest batch id applied, the tab's id, and the page's sync socket. {@link #apply} does what the
 * glue does with a batch: applies its localStorage writes, moves the count, answers {@code ack}.
 */
final class Page implements AutoCloseable {
    final String credential;
    final String tab;
    final Map<String, String> local = new LinkedHashMap<>();
    long applied;
    SyncSocket socket;

    Page(String credential, String tab) {
        this.credential = credential;
        this.tab = tab;
    }

    /**
     * Opens the page's socket to {@code base} and says {@code hello} with what the page holds; the
     * server must answer {@code welcome}. A socket the page had is closed first.
     *
     * @param base a node or the balancer
     * @param resume whether this continues the tab (a reconnect)
     * @return the socket
     */
    SyncSocket connect(URI base, boolean resume) throws IOException {
        close();
        SyncSocket opened = SyncSocket.open(base, credential);
        try {
            opened.hello(local, applied, tab, resume);
            opened.welcome();
        } catch (RuntimeException | AssertionError e) {
            opened.close();
            throw e;
        }
        socket = opened;
        return opened;
    }

    /**
     * Reconnects as the glue does after a lost connection: tries again every 300 ms (a node that just
     * died may still be in the balancer's rotation, a handshake may be refused) until a socket is
     * welcomed, or the timeout passes.
     *
     * @param base a node or the balancer
     * @param timeout how long at most
     * @return the socket
     */
    SyncSocket reconnect(URI base, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            try {
                return connect(base, true);
            } catch (IOException | RuntimeException | AssertionError e) {
                last = e;
                Waits.sleep(300);
            }
        }
        throw new AssertionError(
                "the page could not reconnect to " + base + " within " + timeout.toSeconds() + " s; last: " + last,
                last);
    }

    /**
     * Applies a batch's localStorage writes, as the glue does, and acknowledges it.
     *
     * @param batch a {@code batch} frame with an id above {@link #applied}
     */
    void apply(JsonNode batch) {
        long id = batch.path("id").asLong();
        if (id <= applied) {
            throw new AssertionError("batch " + id + " is not above the applied count " + applied
                    + ": the glue would skip it; the server must renumber after the browser's count: " + batch);
        }
        for (JsonNode write : batch.path("writes")) {
            if ("local".equals(write.path("area").asText())) {
                JsonNode value = write.path("value");
                if (value.isNull()) {
                    local.remove(write.path("key").asText());
                } else {
                    local.put(write.path("key").asText(), value.asText());
                }
            }
        }
        applied = id;
        socket.ack(id);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
