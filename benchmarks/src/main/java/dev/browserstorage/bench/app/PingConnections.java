package dev.browserstorage.bench.app;

import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The open {@link PingEndpoint} connections by name, each with the reply it is waiting for. */
@ApplicationScoped
public class PingConnections {
    private final ConcurrentHashMap<String, Ping> open = new ConcurrentHashMap<>();

    void opened(String name, WebSocketConnection connection) {
        open.put(name, new Ping(connection));
    }

    void replied(String name) {
        Ping ping = open.get(name);
        if (ping != null) {
            ping.awaited.complete(null);
        }
    }

    void closed(String name) {
        open.remove(name);
    }

    /**
     * The connection of a name, to ping it.
     *
     * @param name the name the client put in the path
     * @return the connection, if it is open
     */
    Optional<Ping> find(String name) {
        return Optional.ofNullable(open.get(name));
    }

    /** One connection; one ping at a time is in flight on it. */
    static final class Ping {
        private final WebSocketConnection connection;
        private volatile CompletableFuture<Void> awaited = CompletableFuture.completedFuture(null);

        Ping(WebSocketConnection connection) {
            this.connection = connection;
        }

        /** Sends a message; the stage completes when the client sends it back. */
        CompletionStage<Void> send(String message) {
            CompletableFuture<Void> reply = new CompletableFuture<>();
            awaited = reply;
            connection.sendText(message).subscribe().with(ok -> {}, reply::completeExceptionally);
            return reply;
        }
    }
}
