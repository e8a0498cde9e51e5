package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.protocol.Frames;
import dev.browserstorage.protocol.ProtocolException;
import dev.browserstorage.protocol.SyncConnection;
import dev.browserstorage.quarkus.runtime.sharing.HeldFrames;
import dev.browserstorage.quarkus.runtime.sharing.SocketRoute;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sockets whose browser another node owns. The node holding such a socket passes its frames to the
 * owner's channel and the owner's frames back ({@link Relay}); the owner runs a {@link
 * SyncConnection} for it as for one of its own ({@link Remote}). All protocol logic stays with the
 * owner, so a browser with tabs on several nodes still has one sequence of batches. A relay whose
 * owner stops answering closes its socket, which reconnects and is claimed anew.
 */
final class Relays {
    private static final Logger LOG = Logger.getLogger(Relays.class);

    private final RedisLink link;
    private final Owners owners;
    private final Vertx vertx;
    /** Sockets held here, relayed to their owner, by key. */
    private final ConcurrentHashMap<String, Relay> relays = new ConcurrentHashMap<>();
    /** Sockets held elsewhere, for browsers owned here, by key. */
    private final ConcurrentHashMap<String, Remote> remotes = new ConcurrentHashMap<>();

    Relays(RedisLink link, Owners owners, Vertx vertx) {
        this.link = link;
        this.owners = owners;
        this.vertx = vertx;
    }

    /** A relay for a socket opened here whose browser another node owns. */
    Relay relay(String publicId, String ownerNode, String connectionId, String origin) {
        return new Relay(link.nodeId() + ":" + connectionId, publicId, ownerNode, origin);
    }

    /** @return how many sockets are relayed here, and how many held elsewhere are served here */
    int[] sizes() {
        return new int[] {relays.size(), remotes.size()};
    }

    /** Closes the relayed sockets whose owner's mark is gone from Redis: they reconnect and are claimed anew. */
    void checkOwners() {
        Set<String> nodes =
                relays.values().stream().map(relay -> relay.ownerNode).collect(Collectors.toSet());
        for (String node : nodes) {
            link.call(Request.cmd(Command.EXISTS).arg(link.nodeKeyPrefix() + node))
                    .whenComplete((exists, failure) -> {
                        if (failure == null && exists.toLong() == 0) {
                            relays.values().stream()
                                    .filter(relay -> relay.ownerNode.equals(node))
                                    .forEach(relay -> relay.ownerGone("the server that held this browser is gone"));
                        }
                    });
        }
    }

    /** The node is stopping: the sockets relayed from here close and reconnect elsewhere. */
    void closeAll() {
        relays.values().forEach(relay -> relay.ownerGone("this server is stopping"));
    }

    /** A message on this node's channel about a relayed socket. */
    void onMessage(JsonNode message) {
        String key = message.path("c").asText();
        switch (message.path("k").asText()) {
            case "out" -> {
                Relay relay = relays.get(key);
                if (relay != null) {
                    relay.toBrowser.accept(message.path("x").asText());
                }
            }
            case "close" -> {
                Relay relay = relays.remove(key);
                if (relay != null) {
                    relay.close.close(
                            message.path("code").asInt(),
                            message.path("reason").asText(),
                            message.path("message").asText());
                }
            }
            case "in" -> remoteFrame(key, message);
            case "in-closed" -> {
                Remote remote = remotes.remove(key);
                if (remote != null) {
                    remote.run(() -> {
                        remote.sync.closed();
                        remote.owned.closed(remote.sync);
                    });
                }
            }
            default -> LOG.debugf("Unknown relay message %s", message.path("k").asText());
        }
    }

    private void remoteFrame(String key, JsonNode message) {
        String node = message.path("n").asText();
        Remote remote = remotes.get(key);
        if (remote == null) {
            OwnedBrowser owned = owners.find(message.path("b").asText());
            if (owned == null) {
                // Not (or no longer) ours: the socket reconnects and finds the browser's owner.
                send(
                        node,
                        closeMessage(
                                key, Owners.CLOSE_MOVED, "moved", "this browser is served elsewhere now; reconnect"));
                return;
            }
            owned.sockets.incrementAndGet();
            Remote made = new Remote(key, node, owned, vertx.getOrCreateContext());
            String origin = message.hasNonNull("o") ? message.get("o").asText() : null;
            made.sync = new SyncConnection(owned.copy, made.frames, null, origin);
            owned.opened(made.sync, (code, reason, text) -> {
                remotes.remove(key);
                send(node, closeMessage(key, code, reason, text));
            });
            remote = remotes.putIfAbsent(key, made);
            if (remote == null) {
                remote = made;
            }
        }
        Remote target = remote;
        String frame = message.path("x").asText();
        target.run(() -> target.receive(frame));
    }

    private void send(String node, String message) {
        link.publish(link.nodeChannel(node), message);
    }

    private static String closeMessage(String key, int code, String reason, String text) {
        ObjectNode close = WireWrites.JSON.createObjectNode();
        close.put("k", "close")
                .put("c", key)
                .put("code", code)
                .put("reason", reason)
                .put("message", text);
        return close.toString();
    }

    /** A socket held here whose browser another node owns. */
    final class Relay implements SocketRoute.SocketRelay {
        final String key;
        final String publicId;
        final String ownerNode;
        final String origin;
        volatile java.util.function.Consumer<String> toBrowser = frame -> {};
        volatile SocketRoute.Closer close = (code, reason, message) -> {};

        Relay(String key, String publicId, String ownerNode, String origin) {
            this.key = key;
            this.publicId = publicId;
            this.ownerNode = ownerNode;
            this.origin = origin;
        }

        @Override
        public void start(java.util.function.Consumer<String> toBrowser, SocketRoute.Closer close) {
            this.toBrowser = toBrowser;
            this.close = close;
            relays.put(key, this);
        }

        @Override
        public void fromBrowser(String frame) {
            ObjectNode message = WireWrites.JSON.createObjectNode();
            message.put("k", "in")
                    .put("c", key)
                    .put("n", link.nodeId())
                    .put("b", publicId)
                    .put("o", origin)
                    .put("x", frame);
            link.publish(link.nodeChannel(ownerNode), message.toString()).whenComplete((heard, failure) -> {
                if (failure != null) {
                    ownerGone("the app's servers cannot reach each other now");
                } else if (heard == 0) {
                    ownerGone("the server that held this browser is gone");
                }
            });
        }

        @Override
        public void closed() {
            if (relays.remove(key) != null) {
                ObjectNode message = WireWrites.JSON.createObjectNode();
                message.put("k", "in-closed").put("c", key);
                link.publish(link.nodeChannel(ownerNode), message.toString());
            }
        }

        void ownerGone(String why) {
            if (relays.remove(key) != null) {
                close.close(Owners.CLOSE_MOVED, "moved", why + "; reconnect");
            }
        }
    }

    /** A socket held by another node, for a browser owned here: its frames are handled in order, off the event loop. */
    final class Remote {
        final String key;
        final String node;
        final OwnedBrowser owned;
        final Context context;
        volatile SyncConnection sync;
        /** The frames to the relaying node; the welcome waits until the hello's snapshot is stored. */
        final HeldFrames frames = new HeldFrames(this::out);

        private boolean helloSeen;

        Remote(String key, String node, OwnedBrowser owned, Context context) {
            this.key = key;
            this.node = node;
            this.owned = owned;
            this.context = context;
        }

        void run(Runnable task) {
            context.executeBlocking(
                    () -> {
                        task.run();
                        return null;
                    },
                    true);
        }

        void out(String frame) {
            ObjectNode message = WireWrites.JSON.createObjectNode();
            message.put("k", "out").put("c", key).put("x", frame);
            send(node, message.toString());
        }

        void receive(String frame) {
            try {
                if (helloSeen) {
                    sync.receive(frame);
                } else {
                    frames.hold();
                    try {
                        sync.receive(frame);
                    } catch (RuntimeException e) {
                        frames.release();
                        throw e;
                    }
                    helloSeen = true;
                    owned.helloAccepted(sync).whenComplete((ok, failure) -> frames.release());
                }
            } catch (ProtocolException e) {
                ProtocolException.Reason reason = e.reason();
                out(Frames.error(reason.code(), e.getMessage()));
                if (reason.closesConnection()) {
                    remotes.remove(key);
                    send(
                            node,
                            closeMessage(
                                    key, ProtocolException.CLOSE_PROTOCOL_VIOLATION, reason.code(), e.getMessage()));
                    sync.closed();
                    owned.closed(sync);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not handle a relayed sync frame of browser %s", owned.copy.browserId());
                out(Frames.error("internal", "the server could not handle the frame"));
            }
        }
    }
}
