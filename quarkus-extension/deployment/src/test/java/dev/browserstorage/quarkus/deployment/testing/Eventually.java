package dev.browserstorage.quarkus.deployment.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** What the extension's browser tests wait for and fetch: a condition within 10 s, a page's text. */
public final class Eventually {
    private Eventually() {}

    /** Polls every 20 ms until the condition holds; fails the test after 10 s. */
    public static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        waitUntil(condition, () -> "");
    }

    /**
     * Polls every 20 ms until the condition holds; fails the test after 10 s, saying what {@code
     * whatThereIs} finds then (the glue's state, the frames it sent), so that a failure on a shared
     * machine can be told from a bug.
     */
    public static void waitUntil(BooleanSupplier condition, Supplier<String> whatThereIs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within 10 s; " + whatThereIs.get());
            }
            Thread.sleep(20);
        }
    }

    /** The body of a GET over HTTP/1.1, within 10 s. */
    public static String fetch(URL url) throws IOException, InterruptedException, URISyntaxException {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(url.toURI())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
