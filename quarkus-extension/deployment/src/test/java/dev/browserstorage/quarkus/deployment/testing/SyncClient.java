package dev.browserstorage.quarkus.deployment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A browser's side of the sync protocol, spoken by hand over a real WebSocket, for tests. */
public final class SyncClient implements AutoCloseable {
    public final BlockingQueue<JsonObject> frames;
    public final WebSocket socket;
    public final WebSocketClient client;
    public final String setCookie;

    private SyncClient(WebSocketClient client, WebSocket socket, String setCookie, BlockingQueue<JsonObject> frames) {
        this.client = client;
        this.socket = socket;
        this.setCookie = setCookie;
        this.frames = frames;
    }

    public static SyncClient connect(Vertx vertx, URI base, String browserId, String origin) throws Exception {
        return connect(vertx, base, browserId, origin, "/_storage/sync");
    }

    public static SyncClient connect(Vertx vertx, URI base, String browserId, String origin, String path)
            throws Exception {
        // Batches can carry values of up to 1 MiB, and the server sends a message as one frame, as browsers
        // accept: Vert.x's defaults of 256 KiB per message and 64 KiB per frame are too small.
        WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setMaxMessageSize(32 * 1024 * 1024)
                .setMaxFrameSize(32 * 1024 * 1024));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(path);
        if (browserId != null) {
            options.addHeader("Cookie", Credentials.COOKIE + "=" + browserId);
        }
        if (origin != null) {
            options.addHeader("Origin", origin);
        } else {
            // Vert.x sends its own Origin by default; without one the client is what a test means: not a browser.
            options.setAllowOriginHeader(false);
        }
        String[] setCookie = new String[1];
        BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
        // The handshake's headers are only there in the completion callback; the handler goes in
        // there too, so that a frame the server sends at once (an error, then a close) is kept.
        WebSocket socket = client.connect(options)
                .onSuccess(ws -> {
                    setCookie[0] = ws.headers() == null ? null : ws.headers().get("Set-Cookie");
                    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new SyncClient(client, socket, setCookie[0], frames);
    }

    /** Stops reading from the socket, as a stalled or hostile browser would. */
    public void stopReading() {
        socket.pause();
    }

    /** Reads from the socket again. */
    public void startReading() {
        socket.resume();
    }

    /** @return completes with the close code when the server closes the socket */
    public java.util.concurrent.CompletableFuture<Short> closed() {
        java.util.concurrent.CompletableFuture<Short> closed = new java.util.concurrent.CompletableFuture<>();
        try {
            socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode()));
        } catch (IllegalStateException alreadyClosed) {
            // The server answered and closed before the caller asked.
            closed.complete(socket.closeStatusCode());
        }
        return closed;
    }

    public void send(JsonObject frame) {
        socket.writeTextMessage(frame.encode());
    }

    /** Sends the frame as one WebSocket frame however long it is, as browsers do. */
    public void sendAsOneFrame(JsonObject frame) {
        socket.writeFrame(io.vertx.core.http.WebSocketFrame.textFrame(frame.encode(), true));
    }

    public JsonObject next() throws InterruptedException {
        JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("a frame from the server within 10 s").isNotNull();
        return frame;
    }

    @Override
    public void close() throws Exception {
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();
    }
}
