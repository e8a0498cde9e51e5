package dev.browserstorage.quarkus.deployment.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Browser credentials for tests, got the way a browser gets them: from the {@code Set-Cookie} of the
 * server's first response. A made-up id is not one: the server replaces it.
 */
public final class Credentials {
    /** The browser-id cookie's name on plain-HTTP pages (the extension's default). */
    public static final String COOKIE = "bs_id";

    private Credentials() {}

    /**
     * @param base the test server
     * @return a fresh credential the server issued
     */
    public static String issue(URI base) {
        try {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(base.resolve("/"))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String setCookie = response.headers().allValues("Set-Cookie").stream()
                    .filter(header -> header.startsWith(COOKIE + "="))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no " + COOKIE + " cookie in " + response.headers().map()));
            return setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * @param credential a credential (the cookie's value)
     * @return the browser's public id in it, which {@code Browsers.find} takes
     */
    public static String id(String credential) {
        return credential.substring(0, credential.indexOf('.'));
    }
}
