package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vert.x WebSocket clients for the harnesses, and the frames they send: browser ids and
 * {@code hello} frames with snapshots of a chosen size.
 */
final class Clients implements AutoCloseable {
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
     * @param credential sent as the {@code bs_id} cookie, or null: the sync socket's handshake then
     *     issues a fresh browser id ({@link #browserIdOf})
     * @return the socket, once the handshake is done
     */
    Future<WebSocket> open(String path, String credential) {
        // No Origin (Vert.x would send its own): a protocol client, whose hello names no page of that origin.
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(BenchServer.HOST)
                .setPort(port)
                .setURI(path)
                .setAllowOriginHeader(false);
        if (credential != null) {
            options.addHeader("Cookie", "bs_id=" + credential);
        }
        return client.connect(options);
    }

    /**
     * The public id of the browser a sync handshake issued (the part of the {@code bs_id} cookie's
     * credential before its tag), which the bench app's endpoints take.
     *
     * @param socket a sync socket opened without a credential
     * @return the id
     */
    static String browserIdOf(WebSocket socket) {
        String setCookie = socket.headers() == null ? null : socket.headers().get("Set-Cookie");
        if (setCookie == null || !setCookie.startsWith("bs_id=")) {
            throw new IllegalStateException("the sync handshake issued no browser id: " + setCookie);
        }
        return setCookie.substring("bs_id=".length(), setCookie.indexOf('.'));
    }

    /**
     * The whole {@code bs_id} credential a sync handshake issued ({@code <id>.<tag>}), as a browser's
     * later requests send it back; read it at once, the socket's headers do not stay.
     *
     * @param socket a sync socket opened without a credential
     * @return the credential
     */
    static String credentialOf(WebSocket socket) {
        String setCookie = socket.headers().get("Set-Cookie");
        int end = setCookie.indexOf(';');
        return setCookie.substring("bs_id=".length(), end < 0 ? setCookie.length() : end);
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
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "bench")
                .put("page", "http://" + BenchServer.HOST + "/bench")
                .put("local", new JsonObject(new LinkedHashMap<>(local)))
                .put("session", new JsonObject())
                .put("cookies", "")
                .put("applied", 0)
                .encode();
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
