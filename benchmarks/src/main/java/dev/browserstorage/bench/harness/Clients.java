package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vert.x WebSocket clients for the harnesses, and the frames they send: browser ids and
 * {@code hello} frames with snapshots of a chosen size.
 */
final class Clients implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    final Vertx vertx = Vertx.vertx();
    final WebSocketClient client;
    private final int port;

    Clients(int port, int maxConnections) {
        this.port = port;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(maxConnections)
                .setMaxMessageSize(32 * 1024 * 1024)
                .setMaxFrameSize(32 * 1024 * 1024)
                .setConnectTimeout(60_000));
    }

    /**
     * Opens a WebSocket to the app.
     *
     * @param path the endpoint's path
     * @param browserId sent as the {@code __bs_id} cookie, or null
     * @return the socket, once the handshake is done
     */
    Future<WebSocket> open(String path, String browserId) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(BenchServer.HOST).setPort(port).setURI(path);
        if (browserId != null) {
            options.addHeader("Cookie", "__bs_id=" + browserId);
        }
        return client.connect(options);
    }

    /** @return a fresh browser id of the form the extension accepts */
    static String newBrowserId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A {@code hello} whose localStorage snapshot holds about {@code bytes} bytes of keys and values
     * (ASCII, so as many UTF-16 units), in {@code keys} keys of the app {@code bench}.
     *
     * @param bytes the snapshot's size
     * @param keys how many keys to spread it over
     * @param salt makes the values of one client differ from another's
     * @return the frame's text
     */
    static String hello(int bytes, int keys, String salt) {
        Map<String, String> local = new LinkedHashMap<>();
        int perKey = bytes / keys;
        for (int k = 0; k < keys; k++) {
            String key = String.format("bench:data.k%03d", k);
            // A JSON string, as the glue stores it; its quotes count towards the size.
            int length = Math.max(0, perKey - key.length() - 2);
            StringBuilder value = new StringBuilder(length + 2).append('"');
            while (value.length() < length + 1) {
                value.append(salt).append('-');
            }
            value.setLength(length + 1);
            local.put(key, value.append('"').toString());
        }
        return new JsonObject().put("t", "hello").put("v", 1).put("app", "bench")
                .put("page", "http://" + BenchServer.HOST + "/bench").put("local", new JsonObject(new LinkedHashMap<>(local)))
                .put("session", new JsonObject()).put("cookies", "").put("applied", 0).encode();
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
