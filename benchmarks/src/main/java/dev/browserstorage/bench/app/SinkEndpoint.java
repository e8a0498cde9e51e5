package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The bare baseline for hydration: takes a message whole and answers with its length, as the sync
 * endpoint takes a {@code hello} whole and answers {@code welcome}.
 */
@WebSocket(path = "/bench/sink")
public class SinkEndpoint {

    @OnTextMessage
    @NonBlocking
    String sink(String message) {
        return Integer.toString(message.length());
    }
}
