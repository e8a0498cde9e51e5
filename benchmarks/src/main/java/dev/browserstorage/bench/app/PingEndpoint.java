package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.PathParam;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;

/**
 * The bare baseline of a server write: the server sends a text message on a plain websockets-next
 * connection and the client sends it back, the same direction as a batch and its ack. The client
 * names its connection in the path, so that a REST call can start a {@link RoundTrips#pings} loop
 * on it.
 */
@WebSocket(path = "/bench/ping/{name}")
public class PingEndpoint {

    @Inject
    PingConnections connections;

    @OnOpen
    @NonBlocking
    void open(@PathParam String name, WebSocketConnection connection) {
        connections.opened(name, connection);
    }

    @OnTextMessage
    @NonBlocking
    void reply(@PathParam String name, String message) {
        connections.replied(name);
    }

    @OnClose
    @NonBlocking
    void close(@PathParam String name) {
        connections.closed(name);
    }
}
