package dev.browserstorage.bench.harness;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Blocks a harness's main thread on a Vert.x future. */
final class Await {

    private Await() {}

    static <T> T result(Future<T> future, long seconds) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    }
}
