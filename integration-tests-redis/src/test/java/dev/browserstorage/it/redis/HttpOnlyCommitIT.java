package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * (i) An HttpOnly cookie written over the socket, whose commit URL one node minted, is committed by
 * whichever node the page posts the URL to, once; the page never sees its value (issue #16).
 */
class HttpOnlyCommitIT extends ClusterTestBase {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void aCommitUrlMintedByTheOwnerWorksOnceOnTheOtherNode() throws Exception {
        try (Page page = newPage(node1, "tab-i")) {
            // The browser's socket, and so its owner, on node 1.
            page.connect(node1.url(), false);

            // The app's own socket on node 2 writes an HttpOnly cookie: no HTTP response there to carry it.
            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket app = openAppSocket(node2.url(), page.credential, answer);
            try {
                app.sendText("secret lab_token=s3cr3t-42", true).get(5, TimeUnit.SECONDS);

                JsonNode batch = page.socket.nextBatch(BATCH_TIMEOUT);
                JsonNode write = batch.path("writes").get(0);
                assertThat(write.path("key").asText()).as("%s", batch).isEqualTo("lab_token");
                assertThat(batch.toString())
                        .as("the page's script never sees an HttpOnly value")
                        .doesNotContain("s3cr3t-42");
                String commit = write.path("commit").asText();
                assertThat(commit)
                        .as("the write travels as a commit URL: %s", batch)
                        .startsWith("/");

                // Node 1 minted it; the page posts it to node 2 (a load balancer may send it anywhere).
                HttpResponse<String> committed = postCommit(node2.url(), commit, page.credential);
                assertThat(committed.statusCode())
                        .as("the commit on node 2: %s", committed.body())
                        .isEqualTo(204);
                assertThat(committed.headers().allValues("Set-Cookie"))
                        .as("the response carries the cookie, HttpOnly")
                        .anySatisfy(header -> assertThat(header)
                                .startsWith("lab_token=s3cr3t-42")
                                .containsIgnoringCase("HttpOnly"));

                HttpResponse<String> again = postCommit(node1.url(), commit, page.credential);
                assertThat(again.statusCode())
                        .as("a commit URL works once, on any node: %s", again.body())
                        .isEqualTo(410);

                page.socket.ack(batch.path("id").asLong());
                assertThat(answer.get(BATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                        .as("the write on node 2 completes once the page applied it through node 1")
                        .isEqualTo("stored lab_token");
            } finally {
                app.abort();
            }
        }
    }

    private static HttpResponse<String> postCommit(URI base, String path, String credential) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Cookie", Http.ID_COOKIE + "=" + credential)
                .header("Origin", "http://" + base.getHost() + ":" + base.getPort())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The demo's own WebSocket ({@code CookieSocket}), opened with the browser's cookie; its first answer completes {@code answer}. */
    private static WebSocket openAppSocket(URI base, String credential, CompletableFuture<String> answer)
            throws Exception {
        String origin = "http://" + base.getHost() + ":" + base.getPort();
        return CLIENT.newWebSocketBuilder()
                .header("Origin", origin)
                .header("Cookie", Http.ID_COOKIE + "=" + credential)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(
                        URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/cookie-socket"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    answer.complete(text.toString());
                                    text.setLength(0);
                                }
                                socket.request(1);
                                return null;
                            }
                        })
                .get(10, TimeUnit.SECONDS);
    }
}
