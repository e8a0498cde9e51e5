package dev.browserstorage.quarkus.deployment.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A browser that keeps what the glue keeps and answers as the glue does, for the fault and load
 * tests: its localStorage (the app's keys), the highest batch id it applied, a {@code hello} with
 * both on every connection, and batches applied in order, each at most once (an id not above the
 * applied one is only acknowledged again). It also counts how often each key was written, so a
 * test can prove that no write was applied twice. Not the glue itself: the glue's own exactly-once
 * path is tested in the HtmlUnit and Chromium lanes.
 */
public final class GlueClient implements AutoCloseable {
    public final Map<String, String> local = new ConcurrentHashMap<>();
    /** How many times each key was written by a batch. */
    public final Map<String, Integer> writes = new ConcurrentHashMap<>();

    public final AtomicInteger connections = new AtomicInteger();
    private final Vertx vertx;
    private final String host;
    private final String browserId;
    private final WebSocketClient client;
    private volatile long applied;
    private volatile WebSocket socket;
    private volatile boolean closed;

    public GlueClient(Vertx vertx, String host, String browserId) {
        this.vertx = vertx;
        this.host = host;
        this.browserId = browserId;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(32 * 1024 * 1024));
    }

    /**
     * Opens a connection to a port, says hello and waits for the welcome.
     *
     * @param port the server's port, or a proxy's
     * @return completes with the welcome; fails if the connection is cut first
     */
    public CompletableFuture<Void> connect(int port) {
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        // No Origin (Vert.x would send its own): a protocol client, not a page whose origin the hello must match.
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(host)
                .setPort(port)
                .setURI("/_storage/sync")
                .setAllowOriginHeader(false)
                .addHeader("Cookie", Credentials.COOKIE + "=" + browserId)
                .setTimeout(5000);
        client.connect(options).onComplete(result -> {
            if (result.failed()) {
                welcomed.completeExceptionally(result.cause());
                return;
            }
            WebSocket ws = result.result();
            socket = ws;
            connections.incrementAndGet();
            ws.closeHandler(
                    ignored -> welcomed.completeExceptionally(new IllegalStateException("closed before welcome")));
            ws.exceptionHandler(ignored -> {});
            ws.textMessageHandler(text -> receive(ws, new JsonObject(text), welcomed));
            JsonObject snapshot = new JsonObject();
            local.forEach(snapshot::put);
            ws.writeTextMessage(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", "http://localhost/")
                    .put("local", snapshot)
                    .put("cookies", "")
                    .put("applied", applied)
                    .encode());
        });
        return welcomed;
    }

    /**
     * Keeps a connection open through a faulty network: reconnects after every close, with a short
     * backoff, until {@link #close}.
     *
     * @param port the port to connect to
     */
    public void stayConnected(int port) {
        connect(port).whenComplete((ok, failure) -> {
            WebSocket ws = socket;
            if (failure != null || ws == null) {
                retry(port);
            } else {
                ws.closeHandler(ignored -> retry(port));
            }
        });
    }

    private void retry(int port) {
        if (!closed) {
            vertx.setTimer(20 + (long) (Math.random() * 80), id -> stayConnected(port));
        }
    }

    private void receive(WebSocket ws, JsonObject frame, CompletableFuture<Void> welcomed) {
        switch (frame.getString("t")) {
            case "welcome" -> welcomed.complete(null);
            case "batch" -> apply(ws, frame);
            case "batches" -> frame.getJsonArray("batches").forEach(batch -> apply(ws, (JsonObject) batch));
            default -> {}
        }
    }

    private synchronized void apply(WebSocket ws, JsonObject batch) {
        long id = batch.getLong("id");
        if (id > applied) {
            JsonArray list = batch.getJsonArray("writes");
            for (int i = 0; i < list.size(); i++) {
                JsonObject write = list.getJsonObject(i);
                String key = write.getString("key");
                if (write.getValue("value") == null) {
                    local.remove(key);
                } else {
                    local.put(key, write.getString("value"));
                }
                writes.merge(key, 1, Integer::sum);
            }
            // Stored with the writes, in the same step, as the glue does.
            applied = id;
        }
        ws.writeTextMessage(new JsonObject().put("t", "ack").put("id", id).encode());
    }

    @Override
    public void close() throws Exception {
        closed = true;
        WebSocket ws = socket;
        if (ws != null) {
            ws.close()
                    .recover(ignored -> Future.succeededFuture())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }
        client.close();
    }
}
