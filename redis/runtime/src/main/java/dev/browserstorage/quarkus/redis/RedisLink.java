package dev.browserstorage.quarkus.redis;

import dev.browserstorage.StorageUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * This node's link to Redis: calls that fail typed after a timeout instead of waiting, a
 * subscription to this node's channel and the app's broadcast channel that comes back after Redis
 * does, and the node's liveness mark. Never blocks.
 */
final class RedisLink {
    private static final Logger LOG = Logger.getLogger(RedisLink.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Redis redis;
    private final long timeoutMillis;
    private final long nodeTimeoutMillis;
    private final String prefix;
    private final String nodeId;
    private final BiConsumer<String, String> onMessage;
    private final Runnable onResubscribed;

    private volatile RedisConnection subscriber;
    /** When the command connection last answered anything. */
    private volatile long lastAnswer = System.nanoTime();

    /** The connection of every command; guarded by this, with the two below. */
    private RedisConnection commands;

    private boolean connectingCommands;
    private final java.util.ArrayList<java.util.function.Consumer<RedisConnection>> waitingForCommands =
            new java.util.ArrayList<>();
    private volatile boolean stopped;
    private long heartbeatTimer = -1;

    /**
     * @param prefix the keys' prefix, with the app's id
     * @param onMessage gets (channel, message) of each message on this node's channels
     * @param onResubscribed runs when the subscription is back after it was lost
     */
    RedisLink(
            Vertx vertx,
            Redis redis,
            RedisScaleOutConfig config,
            String prefix,
            BiConsumer<String, String> onMessage,
            Runnable onResubscribed) {
        this.vertx = vertx;
        this.redis = redis;
        this.timeoutMillis = Math.max(1, config.timeout().toMillis());
        this.nodeTimeoutMillis = Math.max(300, config.nodeTimeout().toMillis());
        this.prefix = prefix;
        byte[] id = new byte[9];
        RANDOM.nextBytes(id);
        this.nodeId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        this.onMessage = onMessage;
        this.onResubscribed = onResubscribed;
    }

    /** @return this node's id, new at every start */
    String nodeId() {
        return nodeId;
    }

    /** @return the key prefix, with the app's id */
    String prefix() {
        return prefix;
    }

    /** @return the channel of a node */
    String nodeChannel(String node) {
        return prefix + ":node-channel:" + node;
    }

    /** @return the prefix of the nodes' channels */
    String nodeChannelPrefix() {
        return prefix + ":node-channel:";
    }

    /** @return the prefix of the nodes' liveness keys */
    String nodeKeyPrefix() {
        return prefix + ":node:";
    }

    /** @return the channel every node hears */
    String broadcastChannel() {
        return prefix + ":changes";
    }

    /** @return the key of a browser's part */
    String browserKey(String publicId, String part) {
        // The id in braces: a browser's keys share one hash slot, as a script's keys must in a Redis Cluster.
        return prefix + ":browser:{" + publicId + "}:" + part;
    }

    /** Subscribes and starts beating; returns at once. */
    void start() {
        beat();
        heartbeatTimer = vertx.setPeriodic(Math.max(100, nodeTimeoutMillis / 3), id -> beat());
        subscribe(false);
    }

    /** Removes the node's mark (its browsers are free for others at once) and stops listening. */
    void stop() {
        stopped = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
        call(Request.cmd(Command.DEL).arg(nodeKeyPrefix() + nodeId));
        RedisConnection connection = subscriber;
        if (connection != null) {
            connection.close();
        }
    }

    private void beat() {
        call(Request.cmd(Command.SET)
                        .arg(nodeKeyPrefix() + nodeId)
                        .arg("1")
                        .arg("PX")
                        .arg(nodeTimeoutMillis))
                .whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.debugf("Could not renew node %s's mark in Redis: %s", nodeId, failure.getMessage());
                    }
                });
    }

    private void subscribe(boolean again) {
        if (stopped) {
            return;
        }
        // Each step has a deadline: a connection from the pool to a Redis that went away may never answer.
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (settled.compareAndSet(false, true)) {
                retrySubscribe(again, "Redis did not answer within " + timeoutMillis + " ms");
            }
        });
        redis.connect().onComplete(connected -> {
            if (connected.failed()) {
                if (settled.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                    retrySubscribe(again, connected.cause().getMessage());
                }
                return;
            }
            RedisConnection connection = connected.result();
            if (settled.get()) {
                connection.close();
                return;
            }
            AtomicBoolean lost = new AtomicBoolean();
            connection.handler(this::pushed);
            connection.exceptionHandler(e -> subscriptionLost(connection, lost, e.getMessage()));
            connection.endHandler(ignored -> subscriptionLost(connection, lost, "connection ended"));
            connection
                    .send(Request.cmd(Command.SUBSCRIBE)
                            .arg(nodeChannel(nodeId))
                            .arg(broadcastChannel()))
                    .onComplete(done -> {
                        if (!settled.compareAndSet(false, true)) {
                            connection.close();
                            return;
                        }
                        vertx.cancelTimer(timer);
                        if (done.failed()) {
                            connection.close();
                            retrySubscribe(again, done.cause().getMessage());
                            return;
                        }
                        subscriber = connection;
                        if (again) {
                            LOG.infof("Redis is back: node %s hears its channels again", nodeId);
                            onResubscribed.run();
                        }
                    });
        });
    }

    private void retrySubscribe(boolean again, String why) {
        LOG.debugf("Redis subscription of node %s failed (%s): retrying", nodeId, why);
        vertx.setTimer(500, id -> subscribe(again));
    }

    /** The subscription's connection failed or ended: once per connection, a new one is made. */
    private void subscriptionLost(RedisConnection connection, AtomicBoolean lost, String why) {
        if (!lost.compareAndSet(false, true)) {
            return;
        }
        if (subscriber == connection) {
            subscriber = null;
        }
        connection.close();
        if (!stopped) {
            LOG.warnf("Lost the Redis subscription of node %s (%s): retrying", nodeId, why);
            vertx.setTimer(500, id -> subscribe(true));
        }
    }

    private void pushed(Response response) {
        if (response == null || response.size() < 3) {
            return;
        }
        if (!"message".equals(response.get(0).toString())) {
            return;
        }
        String channel = response.get(1).toString();
        String message = response.get(2).toString();
        try {
            onMessage.accept(channel, message);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not handle a message on %s", channel);
        }
    }

    /**
     * Sends one command; fails with {@link StorageUnavailableException} when Redis does not answer
     * in time or answers with an error. Every command of this node goes through one connection, in
     * the order of the calls: a browser's steps reach Redis in the order its owner took them.
     */
    CompletionStage<Response> call(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        RedisConnection[] used = {null};
        long timer = vertx.setTimer(timeoutMillis, id -> {
            if (result.completeExceptionally(
                    new StorageUnavailableException(null, "Redis did not answer within " + timeoutMillis + " ms"))) {
                // A connection that stopped answering altogether is given up (the next call connects
                // again); one that is only slow keeps serving the calls behind this one.
                if (used[0] != null && System.nanoTime() - lastAnswer > timeoutMillis * 1_000_000) {
                    commandsLost(used[0]);
                }
            }
        });
        send(request, result, timer, used, true);
        return result;
    }

    /**
     * Sends a command on the command connection. A connection that turns out to be gone (Redis
     * restarted: nothing notices until a command fails) is given up and the command is sent once more
     * on a new one; a retried script is harmless (a browser's steps are idempotent or deduplicated
     * by the page's tokens).
     */
    private void send(
            Request request, CompletableFuture<Response> result, long timer, RedisConnection[] used, boolean mayRetry) {
        withConnection(connection -> {
            used[0] = connection;
            if (connection == null) {
                vertx.cancelTimer(timer);
                result.completeExceptionally(new StorageUnavailableException(null, "Redis is unavailable"));
                return;
            }
            connection.send(request).onComplete(done -> {
                lastAnswer = System.nanoTime();
                if (done.succeeded()) {
                    vertx.cancelTimer(timer);
                    result.complete(done.result());
                    return;
                }
                if (!(done.cause() instanceof ErrorType)) {
                    // Not Redis's answer but the connection's failure.
                    commandsLost(connection);
                    if (mayRetry && !result.isDone()) {
                        send(request, result, timer, used, false);
                        return;
                    }
                }
                vertx.cancelTimer(timer);
                result.completeExceptionally(new StorageUnavailableException(
                        null, "Redis is unavailable: " + done.cause().getMessage()));
            });
        });
    }

    /** Runs a task with the command connection (null if Redis cannot be reached), connecting first if need be; tasks run in call order. */
    private void withConnection(java.util.function.Consumer<RedisConnection> task) {
        synchronized (this) {
            if (commands == null) {
                waitingForCommands.add(task);
                if (!connectingCommands) {
                    connectingCommands = true;
                    redis.connect().onComplete(this::commandsConnected);
                }
                return;
            }
        }
        task.accept(commands);
    }

    private void commandsConnected(io.vertx.core.AsyncResult<RedisConnection> connected) {
        List<java.util.function.Consumer<RedisConnection>> tasks;
        RedisConnection connection = connected.succeeded() ? connected.result() : null;
        if (connection != null) {
            connection.exceptionHandler(e -> commandsLost(connection));
            connection.endHandler(ignored -> commandsLost(connection));
        }
        synchronized (this) {
            connectingCommands = false;
            commands = connection;
            tasks = List.copyOf(waitingForCommands);
            waitingForCommands.clear();
        }
        tasks.forEach(task -> task.accept(connection));
    }

    private synchronized void commandsLost(RedisConnection connection) {
        if (commands == connection) {
            commands = null;
            connection.close();
        }
    }

    /**
     * Runs a script ({@link Scripts}) by its SHA-1, which Redis keeps once it has seen the script;
     * the script's text goes only when Redis does not know it (its first use, a restarted Redis).
     */
    CompletionStage<Response> eval(String script, List<String> keys, List<String> args) {
        String sha = SHAS.computeIfAbsent(script, RedisLink::sha1);
        return call(scriptRequest(Command.EVALSHA, sha, keys, args))
                .handle((response, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    Throwable cause =
                            failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
                    if (String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
                        return call(scriptRequest(Command.EVAL, script, keys, args));
                    }
                    return CompletableFuture.<Response>failedFuture(cause);
                })
                .thenCompose(stage -> stage);
    }

    private static final java.util.Map<String, String> SHAS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Request scriptRequest(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }

    private static String sha1(String script) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** Publishes a message; completes with how many nodes heard it. */
    CompletionStage<Long> publish(String channel, String message) {
        return call(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).thenApply(Response::toLong);
    }
}
