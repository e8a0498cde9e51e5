package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the extension's browser tests wait for and fetch: a condition within 10 s, a page's text. */
final class Eventually {
    private Eventually() {}

    /** Polls every 20 ms until the condition holds; fails the test after 10 s. */
    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The body of a GET over HTTP/1.1, within 10 s. */
    static String fetch(URL url) throws IOException, InterruptedException, URISyntaxException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(url.toURI()).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
