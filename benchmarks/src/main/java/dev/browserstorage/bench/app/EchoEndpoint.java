package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The bare baseline: a websockets-next endpoint that sends every text message back, on the event
 * loop like the sync endpoint.
 */
@WebSocket(path = "/bench/echo")
public class EchoEndpoint {

    @OnTextMessage
    @NonBlocking
    String echo(String message) {
        return message;
    }
}
