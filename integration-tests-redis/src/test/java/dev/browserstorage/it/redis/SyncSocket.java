package dev.browserstorage.it.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A browser's side of the sync protocol ({@code docs/protocol.md}), spoken by hand over the JDK's
 * WebSocket (HTTP/1.1), as the glue speaks it: the handshake carries the browser's {@code bs_id}
 * cookie and the page's {@code Origin}; {@link #hello} sends what the browser holds; the test reads
 * the server's frames and answers batches with {@link #ack}.
 *
 * <p>A {@code batches} message (several batches written in one moment) is read as its batches, one
 * frame each, in order. Every wait is bounded.
 */
final class SyncSocket implements AutoCloseable {
    static final String SYNC_PATH = "/_storage/sync";
    static final String APP = "demo";
    static final Duration FRAME_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The close code of a connection that dropped without a close frame. */
    static final int ABNORMAL_CLOSURE = 1006;

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String origin;
    private final String where;
    private WebSocket socket;

    private SyncSocket(String origin, String where) {
        this.origin = origin;
        this.where = where;
    }

    /**
     * Opens the sync socket of a page served from {@code base} (a node, or the balancer): the page's
     * origin is {@code base}'s.
     *
     * @param base the page's server
     * @param credential the browser's {@code bs_id} credential
     * @return the open socket, before {@code hello}
     * @throws IOException when the handshake fails or does not complete within 10 s
     */
    static SyncSocket open(URI base, String credential) throws IOException {
        String origin = "http://" + base.getHost() + ":" + base.getPort();
        SyncSocket sync = new SyncSocket(origin, base.toString());
        WebSocket.Builder builder =
                CLIENT.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).header("Origin", origin);
        if (credential != null) {
            builder.header("Cookie", Http.ID_COOKIE + "=" + credential);
        }
        try {
            sync.socket = builder.buildAsync(
                            URI.create("ws://" + base.getHost() + ":" + base.getPort() + SYNC_PATH), sync.new Reader())
                    .get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("the handshake with " + base + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the handshake with " + base + " did not complete", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return sync;
    }

    /**
     * Sends {@code hello} with what the browser holds: the given localStorage, no sessionStorage,
     * no cookies a script sees.
     *
     * @param local the app's localStorage keys and stored texts
     * @param applied the highest id of the browser's batches it has applied
     * @param tab the tab's id
     * @param resume whether the connection continues the tab (a reconnect)
     */
    void hello(Map<String, String> local, long applied, String tab, boolean resume) {
        ObjectNode hello = Http.JSON
                .createObjectNode()
                .put("t", "hello")
                .put("v", 1)
                .put("app", APP)
                .put("page", origin + "/")
                .put("cookies", "")
                .put("applied", applied)
                .put("tab", tab)
                .put("tabApplied", 0)
                .put("resume", resume);
        ObjectNode localNode = hello.putObject("local");
        local.forEach(localNode::put);
        hello.putObject("session");
        send(hello);
    }

    /**
     * @return the {@code welcome} frame, which must be the next frame
     */
    JsonNode welcome() {
        JsonNode welcome = next(FRAME_TIMEOUT);
        if (!"welcome".equals(welcome.path("t").asText())) {
            throw new AssertionError("expected welcome from " + where + ", got " + welcome);
        }
        return welcome;
    }

    /**
     * @param timeout how long at most
     * @return the next batch, which must be the next frame
     */
    JsonNode nextBatch(Duration timeout) {
        JsonNode batch = next(timeout);
        if (!"batch".equals(batch.path("t").asText())) {
            throw new AssertionError("expected a batch from " + where + ", got " + batch);
        }
        return batch;
    }

    /**
     * @param timeout how long at most
     * @return the next frame
     * @throws AssertionError when none comes in time
     */
    JsonNode next(Duration timeout) {
        return poll(timeout)
                .orElseThrow(() -> new AssertionError("no frame from " + where + " within " + timeout.toSeconds() + " s"
                        + (closed.isDone() ? " (the socket closed with " + closed.join() + ")" : "")));
    }

    /**
     * @param timeout how long at most
     * @return the next frame, or empty when none came in time
     */
    Optional<JsonNode> poll(Duration timeout) {
        try {
            return Optional.ofNullable(frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param id the id of a batch the browser applied */
    void ack(long id) {
        send(Http.JSON.createObjectNode().put("t", "ack").put("id", id));
    }

    /**
     * Sends {@code change}, as the glue does when a bound field or the page's script changes a key.
     *
     * @param area {@code local}, {@code session} or {@code cookie}
     * @param key the browser's key
     * @param value the stored text, or null for a removal
     */
    void change(String area, String key, String value) {
        send(Http.JSON
                .createObjectNode()
                .put("t", "change")
                .put("area", area)
                .put("key", key)
                .put("value", value));
    }

    /** @return whether the server has not closed the socket (nor the connection dropped) */
    boolean isOpen() {
        return !closed.isDone();
    }

    /** @return completes with the close code (1006 when the connection dropped without one) */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    private void send(JsonNode frame) {
        try {
            socket.sendText(frame.toString(), true).get(FRAME_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not send " + frame.path("t") + " to " + where + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        if (isOpen()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // The server or the connection is gone already.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.abort();
    }

    @Override
    public String toString() {
        return "sync socket to " + where;
    }

    /** Reads whole messages (the JDK hands a long one over in parts) and queues their frames. */
    private final class Reader implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                try {
                    JsonNode frame = Http.JSON.readTree(text);
                    if ("batches".equals(frame.path("t").asText())) {
                        frame.path("batches").forEach(frames::add);
                    } else {
                        frames.add(frame);
                    }
                } catch (IOException e) {
                    frames.add(Http.JSON.createObjectNode().put("t", "not-json").put("text", text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(ABNORMAL_CLOSURE);
        }
    }
}
