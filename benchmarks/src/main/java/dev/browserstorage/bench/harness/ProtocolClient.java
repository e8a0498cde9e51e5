package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * A browser as the glue ({@code storage.js}) makes it, in Java: it sends {@code hello} with its
 * snapshot, and for every {@code batch} (alone, or inside a {@code batches} frame) applies the
 * writes in order to its storage, records the batch id as applied and answers {@code ack}; a batch
 * it already applied is only acknowledged. Browser batches and the tab's own ({@code "tab":true})
 * count their ids apart.
 * Frames of one socket arrive on one event-loop thread, so its state needs no locking.
 */
final class ProtocolClient {
    final String browserId;
    /** The {@code bs_id} credential the handshake issued ({@code <id>.<tag>}): what the browser's requests carry. */
    final String credential;

    final WebSocket socket;
    private final Map<String, String> local = new HashMap<>();
    private long applied;
    private long tabApplied;
    // Written on the socket's thread only; volatile so that the harness's thread reads them.
    private volatile long batches;
    private volatile long writes;
    private volatile long receiveNanos;

    private ProtocolClient(String browserId, String credential, WebSocket socket) {
        this.browserId = browserId;
        this.credential = credential;
        this.socket = socket;
    }

    /**
     * Connects a browser and sends its {@code hello}.
     *
     * @param clients where to connect
     * @param hello the {@code hello} frame's text
     * @return the browser, with the id its handshake issued, once the server's {@code welcome} arrived
     *     (it is then hydrated)
     */
    static Future<ProtocolClient> connect(Clients clients, String hello) {
        Promise<ProtocolClient> welcomed = Promise.promise();
        clients.open("/_storage/sync", null).onFailure(welcomed::tryFail).onSuccess(socket -> {
            ProtocolClient browser =
                    new ProtocolClient(Clients.browserIdOf(socket), Clients.credentialOf(socket), socket);
            socket.textMessageHandler(text -> browser.receive(text, welcomed));
            socket.closeHandler(v -> welcomed.tryFail(
                    "closed before welcome: " + socket.closeStatusCode() + " " + socket.closeReason()));
            socket.writeTextMessage(hello);
        });
        return welcomed.future();
    }

    private void receive(String text, Promise<ProtocolClient> welcomed) {
        long start = System.nanoTime();
        try {
            handle(text, welcomed);
        } finally {
            receiveNanos = receiveNanos + (System.nanoTime() - start);
        }
    }

    private void handle(String text, Promise<ProtocolClient> welcomed) {
        JsonObject frame = new JsonObject(text);
        switch (frame.getString("t")) {
            case "welcome":
                welcomed.tryComplete(this);
                break;
            case "batch":
                apply(frame);
                break;
            case "batches":
                JsonArray together = frame.getJsonArray("batches");
                for (int i = 0; i < together.size(); i++) {
                    apply(together.getJsonObject(i));
                }
                break;
            default:
                // After welcome nothing else is expected: a harness that waits for acks must hear of it.
                System.err.println("browser " + browserId + " got an unexpected frame: " + text);
                welcomed.tryFail("unexpected frame " + text);
        }
    }

    private void apply(JsonObject batch) {
        long id = batch.getLong("id");
        boolean tab = batch.getBoolean("tab", false);
        if (id > (tab ? tabApplied : applied)) {
            JsonArray list = batch.getJsonArray("writes");
            for (int i = 0; i < list.size(); i++) {
                JsonObject write = list.getJsonObject(i);
                String value = write.getString("value");
                if (value == null) {
                    local.remove(write.getString("key"));
                } else {
                    local.put(write.getString("key"), value);
                }
            }
            if (tab) {
                tabApplied = id;
            } else {
                applied = id;
                local.put("bench:__bs.applied", Long.toString(id));
            }
            batches = batches + 1;
            writes = writes + list.size();
        }
        socket.writeTextMessage("{\"t\":\"ack\",\"id\":" + id + (tab ? ",\"tab\":true}" : "}"));
    }

    /** @return how many batches this browser has applied */
    long batchesApplied() {
        return batches;
    }

    /** @return the nanoseconds this browser has spent handling the server's frames (parse, apply, answer) */
    long receiveNanos() {
        return receiveNanos;
    }

    /** @return how many writes this browser has applied */
    long writesApplied() {
        return writes;
    }

    Future<Void> close() {
        return socket.close();
    }
}
