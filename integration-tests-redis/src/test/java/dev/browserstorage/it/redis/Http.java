package dev.browserstorage.it.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's HTTP requests to the demo, by hand: the {@code bs_id} cookie it was given, and nothing
 * else. Every request has a bounded timeout.
 */
final class Http {
    /** The browser-id cookie's name on a plain-HTTP page. */
    static final String ID_COOKIE = "bs_id";

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SET_ID = Pattern.compile("^" + ID_COOKIE + "=([^;]*)");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {}

    /**
     * An answer.
     *
     * @param status the status
     * @param body the body
     * @param issuedId the {@code bs_id} credential the answer set, if it set one
     * @param node the node that answered, as the balancer names it ({@code X-Node}), if through it
     */
    record Answer(int status, String body, Optional<String> issuedId, Optional<String> node) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body
                    + issuedId.map(id -> " (Set-Cookie bs_id)").orElse("")
                    + node.map(n -> " from " + n).orElse("");
        }
    }

    static Answer get(URI base, String path, String credential) {
        return await(send(request(base, path, credential).GET()));
    }

    static CompletableFuture<Answer> post(URI base, String path, String json, String credential) {
        return send(request(base, path, credential)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * A new browser: its first request, to a node or the balancer, and the credential the answer sets.
     *
     * @param base where the page is
     * @return the {@code bs_id} credential
     */
    static String newBrowser(URI base) {
        Answer first = get(base, "", null);
        if (first.status() != 200 || first.issuedId().isEmpty()) {
            throw new AssertionError("the first GET / of a browser answers 200 with a bs_id cookie, not " + first);
        }
        return first.issuedId().get();
    }

    static Answer await(CompletableFuture<Answer> answer) {
        try {
            return answer.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + REQUEST_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(URI base, String path, String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (credential != null) {
            request.header("Cookie", ID_COOKIE + "=" + credential);
        }
        return request;
    }

    private static CompletableFuture<Answer> send(HttpRequest.Builder request) {
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new Answer(
                        response.statusCode(),
                        response.body(),
                        response.headers().allValues("Set-Cookie").stream()
                                .map(SET_ID::matcher)
                                .filter(Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        response.headers().firstValue("X-Node")));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
