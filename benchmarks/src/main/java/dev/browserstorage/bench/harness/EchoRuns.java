package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;

/**
 * Client-driven loops over the bare echo endpoint: each reply starts the next message from the
 * socket's event loop, as {@code RoundTrips} does on the server.
 */
final class EchoRuns {

    private EchoRuns() {}

    /**
     * Sends a message, waits for its echo, and again, timing each round trip on the client.
     *
     * @return the nanoseconds of each timed round trip
     */
    static Future<long[]> sequential(WebSocket socket, String message, int warmup, int count) {
        Promise<long[]> done = Promise.promise();
        long[] nanos = new long[count];
        long[] sent = new long[1];
        int[] index = {0};
        socket.textMessageHandler(echo -> {
            long elapsed = System.nanoTime() - sent[0];
            int i = index[0]++;
            if (i >= warmup) {
                nanos[i - warmup] = elapsed;
            }
            if (index[0] == warmup + count) {
                done.complete(nanos);
            } else {
                sent[0] = System.nanoTime();
                socket.writeTextMessage(message);
            }
        });
        sent[0] = System.nanoTime();
        socket.writeTextMessage(message);
        return done.future();
    }

    /**
     * Keeps a window of messages in flight and counts the echoes arriving in the measured period.
     *
     * @return the echoes counted, once every message in flight has come back
     */
    static Future<Long> pipelined(WebSocket socket, String message, int window, long warmupMillis, long measureMillis) {
        Promise<Long> done = Promise.promise();
        long countFrom = System.nanoTime() + warmupMillis * 1_000_000;
        long countUntil = countFrom + measureMillis * 1_000_000;
        long[] counted = {0};
        int[] inFlight = {window};
        socket.textMessageHandler(echo -> {
            long now = System.nanoTime();
            if (now >= countFrom && now < countUntil) {
                counted[0]++;
            }
            if (now < countUntil) {
                socket.writeTextMessage(message);
            } else if (--inFlight[0] == 0) {
                done.complete(counted[0]);
            }
        });
        for (int i = 0; i < window; i++) {
            socket.writeTextMessage(message);
        }
        return done.future();
    }
}
