package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The bare baseline for hydration: takes a message whole and answers with its length, as the sync
 * endpoint takes a {@code hello} whole and answers {@code welcome}, and sends the way it does.
 */
@WebSocket(path = "/bench/sink")
public class SinkEndpoint {

    @OnTextMessage
    @NonBlocking
    void sink(String message, WebSocketConnection connection) {
        connection.sendText(Integer.toString(message.length())).subscribe().with(ok -> {}, failure -> {});
    }
}
