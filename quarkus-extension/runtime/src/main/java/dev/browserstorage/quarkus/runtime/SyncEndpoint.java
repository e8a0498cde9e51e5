package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.protocol.AnswerCredits;
import dev.browserstorage.protocol.Frames;
import dev.browserstorage.protocol.ProtocolException;
import dev.browserstorage.protocol.SyncConnection;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import dev.browserstorage.quarkus.runtime.sharing.HeldFrames;
import dev.browserstorage.quarkus.runtime.sharing.SocketRoute;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The sync WebSocket: one connection per page, speaking the protocol of {@code docs/protocol.md}
 * through a {@link SyncConnection}. Frames of one connection are handled one at a time, in order:
 * small ones on the event loop; a large one (a hello carrying a whole snapshot), and every frame
 * that arrives while one is being handled, on a worker thread, so that a hostile frame never stalls
 * the event loop.
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

    /** Close code when the server is at its bound of browsers or snapshots (RFC 6455: try again later). */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    /** Frames up to this many characters are handled on the event loop when nothing is queued. */
    static final int INLINE_FRAME_CHARS = 16 * 1024;

    /** The most characters of frames that may wait for a connection's worker; past it the client is flooding. */
    static final long MAX_QUEUED_CHARS = 32L * 1024 * 1024;

    private final ConcurrentHashMap<String, Open> connections = new ConcurrentHashMap<>();

    @Inject
    BrowserRegistry registry;

    @Inject
    BrowserStorageConfig config;

    @Inject
    ConnectionLimits limits;

    @Inject
    Vertx vertx;

    @Inject
    BrowserSharing sharing;

    /**
     * A page connected.
     *
     * @param connection the connection
     */
    public void open(WebSocketConnection connection) {
        // Settled by the upgrade check, which also sent a fresh id back to the browser as a cookie.
        String id = connection.userData().get(BrowserIds.USER_DATA_KEY);
        if (id == null) {
            LOG.errorf("Sync connection %s has no browser: the upgrade check did not run", connection.id());
            closeWith(
                    connection,
                    CloseReason.INTERNAL_SERVER_ERROR.getCode(),
                    "internal",
                    "the server has no browser for this socket");
            return;
        }
        String address = connection.userData().get(BrowserIds.ADDRESS_USER_DATA_KEY);
        switch (limits.open(connection.id(), id, address)) {
            case BROWSER_FULL -> {
                closeWith(
                        connection,
                        ConnectionLimits.CLOSE_TOO_MANY_CONNECTIONS,
                        "too-many-connections",
                        "this browser already holds " + config.maxConnectionsPerBrowser() + " sync connections");
                return;
            }
            case ADDRESS_FULL -> {
                closeWith(
                        connection,
                        ConnectionLimits.CLOSE_TOO_MANY_CONNECTIONS,
                        "too-many-connections",
                        "this address already holds " + config.maxConnectionsPerAddress() + " sync connections");
                return;
            }
            case ADMITTED -> {}
        }
        BrowserRegistry.Entry entry;
        try {
            entry = registry.open(id, Boolean.TRUE.equals(connection.userData().get(BrowserIds.FRESH_USER_DATA_KEY)));
        } catch (StorageUnavailableException e) {
            limits.closed(connection.id());
            LOG.debugf("Refused sync connection %s: %s", connection.id(), e.getMessage());
            closeWith(
                    connection,
                    CLOSE_TRY_AGAIN_LATER,
                    "busy",
                    "the server holds as many browsers as it may; try again later");
            return;
        }
        // Counted until registry.connectionClosed: an entry with a socket open here is never dropped as idle.
        entry.socketOpened();
        Context context = Vertx.currentContext();
        Open open = new Open(id, entry, context, limits.credits(connection.id()));
        open.frames = new HeldFrames(text -> sendBatch(connection, text, open));
        if (!sharing.isShared()) {
            open.sync = newSync(entry.browser(), connection, open);
        } else {
            // Which node serves the socket is settled in Redis: its frames wait for the answer.
            open.draining = true;
            sharing.route(id, connection.id(), connection.userData().get(BrowserIds.ORIGIN_USER_DATA_KEY))
                    .whenComplete((route, failure) -> {
                        if (context == null) {
                            routed(open, connection, route, failure);
                        } else {
                            context.runOnContext(ignored -> routed(open, connection, route, failure));
                        }
                    });
        }
        connections.put(connection.id(), open);
        open.helloTimer =
                vertx.setTimer(Math.max(1, config.helloTimeout().toMillis()), timer -> helloTimedOut(open, connection));
    }

    /** The connection of a socket to a copy of its browser held here. */
    private SyncConnection newSync(Browser browser, WebSocketConnection connection, Open open) {
        // Batches written in the same moment go out in one frame, flushed on this connection's event loop.
        Context context = open.context;
        Executor flusher = context == null ? null : task -> context.runOnContext(ignored -> task.run());
        // The hello's page must be of the origin that opened the socket: cookie writes are checked against it.
        return new SyncConnection(
                browser, open.frames, flusher, connection.userData().get(BrowserIds.ORIGIN_USER_DATA_KEY));
    }

    /**
     * The nodes settled which of them serves a socket: this one (it owns the browser) or another
     * (frames are relayed). Then the frames that waited are handled, in order.
     */
    private void routed(Open open, WebSocketConnection connection, SocketRoute route, Throwable failure) {
        if (failure != null) {
            LOG.debugf(failure, "Could not route sync connection %s", connection.id());
            synchronized (open) {
                open.closed = true;
                open.queue.clear();
                open.queuedChars = 0;
                open.draining = false;
            }
            vertx.cancelTimer(open.helloTimer);
            registry.connectionClosed(open.browserId);
            closeWith(
                    connection,
                    CLOSE_TRY_AGAIN_LATER,
                    "unavailable",
                    "the app's servers cannot share this browser now; try again later");
            return;
        }
        if (route instanceof SocketRoute.Owned owned) {
            open.owned = owned.events();
            open.sync = newSync(owned.browser(), connection, open);
            open.owned.opened(open.sync, (code, reason, message) -> closeWith(connection, code, reason, message));
        } else if (route instanceof SocketRoute.Relayed relayed) {
            open.relay = relayed.relay();
            open.relay.start(open.frames, (code, reason, message) -> closeWith(connection, code, reason, message));
        }
        drainOnWorker(open, connection);
    }

    /** Handles the frames that wait, on a worker thread. */
    private void drainOnWorker(Open open, WebSocketConnection connection) {
        Context context = open.context != null ? open.context : vertx.getOrCreateContext();
        context.executeBlocking(
                () -> {
                    drain(open, connection);
                    return null;
                },
                false);
    }

    /**
     * A page sent a frame.
     *
     * @param text the frame
     * @param connection the connection
     */
    public void message(String text, WebSocketConnection connection) {
        Open open = connections.get(connection.id());
        if (open == null) {
            return;
        }
        if (!limits.frame(connection.id(), text)) {
            connections.remove(connection.id());
            deliver(open, CLOSED, connection);
            closeWith(
                    connection,
                    ConnectionLimits.CLOSE_RATE,
                    "rate",
                    "more than " + config.maxMessagesPerSecond() + " frames per second");
            return;
        }
        deliver(open, text, connection);
    }

    /**
     * A page's connection closed.
     *
     * @param connection the connection
     */
    public void close(WebSocketConnection connection) {
        limits.closed(connection.id());
        Open open = connections.remove(connection.id());
        if (open != null) {
            deliver(open, CLOSED, connection);
        }
    }

    /**
     * Hands a frame (or {@link #CLOSED}) to a connection's handling: on this thread when nothing
     * waits and it is small, else behind what waits, on a worker thread. One connection's frames are
     * never handled by two threads at once, and always in order.
     */
    private void deliver(Open open, String frame, WebSocketConnection connection) {
        boolean inline = false;
        boolean drain = false;
        boolean flooded = false;
        synchronized (open) {
            if (!open.draining && frame.length() <= INLINE_FRAME_CHARS) {
                inline = true;
            } else if (open.queuedChars + frame.length() > MAX_QUEUED_CHARS && frame != CLOSED) {
                flooded = true;
            } else {
                open.queue.add(frame);
                open.queuedChars += frame.length();
                drain = !open.draining;
                open.draining = true;
            }
        }
        if (inline) {
            handle(open, frame, connection);
        } else if (flooded) {
            closeWith(
                    connection,
                    ConnectionLimits.CLOSE_RATE,
                    "rate",
                    "frames arrive faster than the server handles them");
        } else if (drain) {
            drainOnWorker(open, connection);
        }
    }

    private void drain(Open open, WebSocketConnection connection) {
        while (true) {
            String next;
            synchronized (open) {
                next = open.queue.poll();
                if (next == null) {
                    open.draining = false;
                    return;
                }
                open.queuedChars -= next.length();
            }
            handle(open, next, connection);
        }
    }

    private void handle(Open open, String text, WebSocketConnection connection) {
        if (text == CLOSED) {
            if (!open.closed) {
                open.closed = true;
                vertx.cancelTimer(open.helloTimer);
                if (open.relay != null) {
                    open.relay.closed();
                } else if (open.sync != null) {
                    open.sync.closed();
                    if (open.owned != null) {
                        open.owned.closed(open.sync);
                    }
                }
                registry.connectionClosed(open.browserId);
            }
            return;
        }
        if (open.closed) {
            return;
        }
        try {
            boolean hello = !open.helloReceived;
            if (hello) {
                open.helloReceived = true;
                if (!registry.admitSnapshot(open.entry, text.length())) {
                    LOG.debugf(
                            "Refused the hello of sync connection %s: the server holds as many snapshots as it may",
                            connection.id());
                    closeWith(
                            connection,
                            CLOSE_TRY_AGAIN_LATER,
                            "busy",
                            "the server holds as much as it may; try again later");
                    return;
                }
            }
            if (open.relay != null) {
                open.relay.fromBrowser(text);
                return;
            }
            if (hello && open.owned != null) {
                // The welcome waits until the snapshot is stored where every node reads it.
                open.frames.hold();
                try {
                    open.sync.receive(text);
                } catch (RuntimeException e) {
                    open.frames.release();
                    throw e;
                }
                open.owned.helloAccepted(open.sync).whenComplete((ok, failure) -> open.frames.release());
            } else {
                open.sync.receive(text);
            }
            if (connection.userData().get(BrowserIds.TAB_USER_DATA_KEY) == null) {
                open.sync
                        .tab()
                        .map(Tab::tabId)
                        .ifPresent(tab -> connection.userData().put(BrowserIds.TAB_USER_DATA_KEY, tab));
            }
        } catch (ProtocolException e) {
            ProtocolException.Reason reason = e.reason();
            send(connection, Frames.error(reason.code(), e.getMessage()));
            if (reason.closesConnection()) {
                connection
                        .close(new CloseReason(ProtocolException.CLOSE_PROTOCOL_VIOLATION, reason.code()))
                        .subscribe()
                        .with(ok -> {}, failure -> {});
            }
        } catch (RuntimeException e) {
            LOG.errorf(
                    e,
                    "Could not handle a sync frame of browser %s",
                    open.sync == null ? "(relayed)" : open.sync.browser().browserId());
            send(connection, Frames.error("internal", "the server could not handle the frame"));
        }
    }

    private void helloTimedOut(Open open, WebSocketConnection connection) {
        if (!open.helloReceived && !open.closed) {
            closeWith(
                    connection,
                    ProtocolException.CLOSE_PROTOCOL_VIOLATION,
                    "protocol",
                    "no hello within " + config.helloTimeout().toMillis() + " ms of the socket opening");
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
            connection
                    .close(new CloseReason(CLOSE_MESSAGE_TOO_BIG, "too-large"))
                    .subscribe()
                    .with(ok -> {}, failure -> {});
            return;
        }
        LOG.errorf(e, "Sync connection %s failed", connection.id());
        connection
                .close(new CloseReason(CloseReason.INTERNAL_SERVER_ERROR.getCode(), "internal"))
                .subscribe()
                .with(ok -> {}, failure -> {});
    }

    /**
     * Sends batches, bounding what waits in the socket's buffers: a browser that does not read is
     * disconnected instead of growing the server's memory. Its batches stay pending in its session
     * and are sent again when it reconnects. Every frame to the socket, whichever node made it (a
     * relayed socket's come from the owner), leaves here: the batches in it are credited to the
     * connection before the browser can answer them ({@link ConnectionLimits#frame}).
     */
    private void sendBatch(WebSocketConnection connection, String text, Open open) {
        AtomicLong unsent = open.unsent;
        long waiting = unsent.get();
        if (waiting > 0 && waiting + text.length() > config.maxUnsentChars()) {
            LOG.debugf("Closing sync connection %s: %d characters are still unsent", connection.id(), waiting);
            connection
                    .close(new CloseReason(CLOSE_SLOW_CONSUMER, "slow-consumer"))
                    .subscribe()
                    .with(ok -> {}, failure -> {});
            return;
        }
        unsent.addAndGet(text.length());
        if (open.credits != null) {
            open.credits.sent(text);
        }
        connection.sendText(text).subscribe().with(ok -> unsent.addAndGet(-text.length()), failure -> {
            unsent.addAndGet(-text.length());
            LOG.debugf("A sync frame to connection %s was not sent: %s", connection.id(), failure.getMessage());
        });
    }

    /** Answers a connection with an error frame, then closes it. */
    private static void closeWith(WebSocketConnection connection, int code, String reason, String message) {
        LOG.debugf("Closing sync connection %s (%d): %s", connection.id(), code, message);
        connection
                .sendText(Frames.error(reason, message))
                .subscribe()
                .with(
                        ok -> connection
                                .close(new CloseReason(code, reason))
                                .subscribe()
                                .with(done -> {}, failure -> {}),
                        failure -> connection
                                .close(new CloseReason(code, reason))
                                .subscribe()
                                .with(done -> {}, ignored -> {}));
    }

    private static void send(WebSocketConnection connection, String text) {
        connection
                .sendText(text)
                .subscribe()
                .with(
                        ok -> {},
                        failure -> LOG.debugf(
                                "A sync frame to connection %s was not sent: %s",
                                connection.id(), failure.getMessage()));
    }

    /** Marks the end of a connection in its queue of frames: compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLOSED = new String("");

    /** One open sync connection; its queue and flags are guarded by the object itself. */
    private static final class Open {
        final String browserId;
        final BrowserRegistry.Entry entry;
        final Context context;
        /** The answers the socket owes for the batches sent to it; null only if it was never admitted. */
        final AnswerCredits credits;
        /** Characters sent to the socket and not yet written out. */
        final AtomicLong unsent = new AtomicLong();
        /** Frames of the protocol to the socket; held while a shared browser's snapshot is stored. */
        HeldFrames frames;
        /** The connection to the copy held here; set before any frame is handled. */
        volatile SyncConnection sync;
        /** Told of the hello and the end, when this node owns a shared browser. */
        volatile SocketRoute.OwnedSocket owned;
        /** Where frames go when another node owns the browser. */
        volatile SocketRoute.SocketRelay relay;

        final ArrayDeque<String> queue = new ArrayDeque<>();
        long queuedChars;
        boolean draining;
        /** Written by the thread handling the connection's frames; read by the hello deadline's timer. */
        volatile boolean helloReceived;

        volatile boolean closed;
        volatile long helloTimer;

        Open(String browserId, BrowserRegistry.Entry entry, Context context, AnswerCredits credits) {
            this.browserId = browserId;
            this.entry = entry;
            this.context = context;
            this.credits = credits;
        }
    }
}
