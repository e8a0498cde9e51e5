package dev.browserstorage.quarkus.deployment.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that breaks the connections it carries: it cuts each one after a random
 * number of bytes (in either direction, so mid-frame, mid-handshake or between frames) and stalls
 * the traffic at random moments. With faults off it forwards faithfully.
 */
public final class FaultyProxy implements AutoCloseable {
    public final AtomicInteger cuts = new AtomicInteger();
    public final AtomicInteger stalls = new AtomicInteger();
    public final AtomicInteger proxied = new AtomicInteger();
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final Random random;
    private volatile boolean faults = true;

    private FaultyProxy(Vertx vertx, NetServer server, NetClient client, long seed) {
        this.vertx = vertx;
        this.server = server;
        this.client = client;
        this.random = new Random(seed);
    }

    /**
     * Starts a proxy to a port on loopback.
     *
     * @param vertx the Vert.x to run on
     * @param targetPort the server's port
     * @param seed the seed of the faults
     * @return the started proxy
     */
    public static FaultyProxy start(Vertx vertx, int targetPort, long seed) throws Exception {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer();
        FaultyProxy proxy = new FaultyProxy(vertx, server, client, seed);
        server.connectHandler(inbound -> proxy.carry(inbound, targetPort));
        server.listen(0, "localhost").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return proxy;
    }

    /** @return the port the proxy listens on */
    public int port() {
        return server.actualPort();
    }

    /** Stops breaking connections: from now on they are carried faithfully. */
    public void heal() {
        faults = false;
    }

    private void carry(NetSocket inbound, int targetPort) {
        inbound.pause();
        proxied.incrementAndGet();
        // Between about 150 bytes (inside the handshake) and 22 KB (a few dozen batches).
        long budget = faults ? (long) Math.exp(5 + random.nextDouble() * 5) : Long.MAX_VALUE;
        // Bytes carried both ways, and whether the connection was cut (counted once).
        long[] carried = new long[2];
        client.connect(targetPort, "localhost").onComplete(result -> {
            if (result.failed()) {
                inbound.close();
                return;
            }
            NetSocket outbound = result.result();
            forward(inbound, outbound, carried, budget);
            forward(outbound, inbound, carried, budget);
            inbound.closeHandler(ignored -> outbound.close());
            outbound.closeHandler(ignored -> inbound.close());
            inbound.resume();
        });
    }

    private void forward(NetSocket from, NetSocket to, long[] carried, long budget) {
        from.handler(data -> {
            if (!faults) {
                to.write(data);
                return;
            }
            long before = carried[0];
            carried[0] += data.length();
            if (carried[0] > budget) {
                // Deliver part of the chunk, then cut both sides: a frame torn in the middle.
                int part = (int) Math.max(0, budget - before);
                if (part > 0 && carried[1] == 0) {
                    to.write(data.getBuffer(0, part));
                }
                if (carried[1]++ == 0) {
                    cuts.incrementAndGet();
                }
                from.close();
                to.close();
                return;
            }
            if (random.nextInt(50) == 0) {
                stall(from, to, data);
            } else {
                to.write(data);
            }
        });
    }

    private void stall(NetSocket from, NetSocket to, Buffer data) {
        stalls.incrementAndGet();
        from.pause();
        vertx.setTimer(50 + random.nextInt(250), id -> {
            to.write(data);
            from.resume();
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();
    }
}
