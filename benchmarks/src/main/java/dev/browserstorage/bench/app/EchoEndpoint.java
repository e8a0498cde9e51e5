package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The bare baseline: a websockets-next endpoint that sends every text message back, on the event
 * loop and the way the sync endpoint sends (without waiting for the write). Returning the message
 * instead makes websockets-next finish each write before it takes the next message, which on this
 * machine held a pipelined echo to the rate of a sequential one.
 */
@WebSocket(path = "/bench/echo")
public class EchoEndpoint {

    @OnTextMessage
    @NonBlocking
    void echo(String message, WebSocketConnection connection) {
        connection.sendText(message).subscribe().with(ok -> {}, failure -> {});
    }
}
