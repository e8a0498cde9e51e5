package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;

/**
 * Not a baseline, an explanation of one: {@link SinkEndpoint} taken on a worker thread, as the
 * sync endpoint takes a large {@code hello} (a megabyte must not be parsed on the event loop), and
 * answered from there. What it adds to the bare endpoint is the cost of that hop alone, the part of
 * the hydration ratio that no work on the {@code hello} can remove.
 */
@WebSocket(path = "/bench/sink-worker")
public class WorkerSinkEndpoint {

    @OnTextMessage
    @Blocking
    void sink(String message, WebSocketConnection connection) {
        connection.sendText(Integer.toString(message.length())).subscribe().with(ok -> {}, failure -> {});
    }
}
