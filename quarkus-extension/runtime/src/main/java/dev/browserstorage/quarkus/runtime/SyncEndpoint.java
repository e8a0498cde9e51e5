package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protocol.Frames;
import dev.browserstorage.protocol.ProtocolException;
import dev.browserstorage.protocol.SyncConnection;
import dev.browserstorage.quarkus.BrowserSessions;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.session.BrowserSession;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The sync WebSocket: one connection per page, speaking the protocol of {@code docs/protocol.md}
 * through a {@link SyncConnection}. Frames of one connection are handled in order, on the event
 * loop; nothing here blocks.
 *
 * <p>The {@code @WebSocket} class that calls it is generated at build time, because websockets-next
 * reads an endpoint's path from its annotation alone and the path follows {@code
 * quarkus.browser-storage.path}.
 */
@Singleton
public class SyncEndpoint {
    /** The endpoint id of the generated sync socket, which the upgrade check applies to. */
    public static final String ENDPOINT_ID = "browser-storage-sync";

    private static final Logger LOG = Logger.getLogger(SyncEndpoint.class);

    /** Close code for a browser that does not read its frames fast enough; it reconnects and gets them again. */
    static final int CLOSE_SLOW_CONSUMER = 4408;

    /** Close code for a frame over the size limit (RFC 6455: message too big). */
    static final int CLOSE_MESSAGE_TOO_BIG = 1009;

    private final ConcurrentHashMap<String, SyncConnection> connections = new ConcurrentHashMap<>();

    @Inject
    BrowserSessions sessions;

    @Inject
    BrowserStorageConfig config;

    @Inject
    ConnectionLimits limits;

    /**
     * A page connected.
     *
     * @param connection the connection
     */
    public void open(WebSocketConnection connection) {
        // Settled by the upgrade check, which also sent a new id back to the browser as a cookie.
        String id = connection.userData().get(BrowserIds.USER_DATA_KEY);
        if (id == null) {
            id = BrowserIds.newId();
        }
        if (!limits.open(connection.id(), id)) {
            closeOverLimit(connection, ConnectionLimits.CLOSE_TOO_MANY_CONNECTIONS, "too-many-connections",
                    "this browser already holds " + config.maxConnectionsPerBrowser() + " sync connections");
            return;
        }
        // Batches written in the same moment go out in one frame, flushed on this connection's event loop.
        Context context = Vertx.currentContext();
        Executor flusher = context == null ? null : task -> context.runOnContext(ignored -> task.run());
        AtomicLong unsent = new AtomicLong();
        connections.put(connection.id(), new SyncConnection(sessions.session(id), text -> sendBatch(connection, text, unsent),
                flusher));
    }

    /**
     * A page sent a frame.
     *
     * @param text the frame
     * @param connection the connection
     */
    public void message(String text, WebSocketConnection connection) {
        SyncConnection sync = connections.get(connection.id());
        if (sync == null) {
            return;
        }
        if (!limits.frame(connection.id())) {
            connections.remove(connection.id());
            sync.closed();
            closeOverLimit(connection, ConnectionLimits.CLOSE_RATE, "rate",
                    "more than " + config.maxMessagesPerSecond() + " frames per second");
            return;
        }
        try {
            sync.receive(text);
            if (connection.userData().get(BrowserIds.TAB_USER_DATA_KEY) == null) {
                sync.tab().flatMap(BrowserSession::tabId)
                        .ifPresent(tab -> connection.userData().put(BrowserIds.TAB_USER_DATA_KEY, tab));
            }
        } catch (ProtocolException e) {
            send(connection, Frames.error(e.code(), e.getMessage()));
            if (e.closeCode() != 0) {
                connection.close(new CloseReason(e.closeCode(), e.code())).subscribe().with(ok -> { }, failure -> { });
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not handle a sync frame of browser %s", sync.session().browserId());
            send(connection, Frames.error("internal", "the server could not handle the frame"));
        }
    }

    /**
     * A page's connection closed.
     *
     * @param connection the connection
     */
    public void close(WebSocketConnection connection) {
        limits.closed(connection.id());
        SyncConnection sync = connections.remove(connection.id());
        if (sync != null) {
            sync.closed();
        }
    }

    /**
     * A frame over {@code quarkus.websockets-next.server.max-message-size} reaches Vert.x's message
     * buffer as an error, which websockets-next would log as unhandled and answer with 1011: it is
     * the client's fault, so it closes with 1009 (message too big) and is logged at debug level.
     * Any other error is logged and closes with 1011.
     *
     * @param e the error
     * @param connection the connection
     */
    public void error(IllegalStateException e, WebSocketConnection connection) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("message buffer") && message.contains("overflow")) {
            LOG.debugf("Closing sync connection %s: %s", connection.id(), message);
            connection.close(new CloseReason(CLOSE_MESSAGE_TOO_BIG, "too-large"))
                    .subscribe().with(ok -> { }, failure -> { });
            return;
        }
        LOG.errorf(e, "Sync connection %s failed", connection.id());
        connection.close(new CloseReason(CloseReason.INTERNAL_SERVER_ERROR.getCode(), "internal"))
                .subscribe().with(ok -> { }, failure -> { });
    }

    /**
     * Sends batches, bounding what waits in the socket's buffers: a browser that does not read is
     * disconnected instead of growing the server's memory. Its batches stay pending in its session
     * and are sent again when it reconnects.
     */
    private void sendBatch(WebSocketConnection connection, String text, AtomicLong unsent) {
        long waiting = unsent.get();
        if (waiting > 0 && waiting + text.length() > config.maxUnsentChars()) {
            LOG.debugf("Closing sync connection %s: %d characters are still unsent", connection.id(), waiting);
            connection.close(new CloseReason(CLOSE_SLOW_CONSUMER, "slow-consumer")).subscribe().with(ok -> { }, failure -> { });
            return;
        }
        unsent.addAndGet(text.length());
        connection.sendText(text).subscribe().with(ok -> unsent.addAndGet(-text.length()), failure -> {
            unsent.addAndGet(-text.length());
            LOG.debugf("A sync frame to connection %s was not sent: %s", connection.id(), failure.getMessage());
        });
    }

    /** Answers a connection over an abuse limit with an error frame, then closes it. */
    private static void closeOverLimit(WebSocketConnection connection, int code, String reason, String message) {
        LOG.debugf("Closing sync connection %s (%d): %s", connection.id(), code, message);
        connection.sendText(Frames.error(reason, message)).subscribe().with(
                ok -> connection.close(new CloseReason(code, reason)).subscribe().with(done -> { }, failure -> { }),
                failure -> connection.close(new CloseReason(code, reason)).subscribe().with(done -> { }, ignored -> { }));
    }

    private static void send(WebSocketConnection connection, String text) {
        connection.sendText(text).subscribe().with(ok -> { },
                failure -> LOG.debugf("A sync frame to connection %s was not sent: %s", connection.id(), failure.getMessage()));
    }
}
