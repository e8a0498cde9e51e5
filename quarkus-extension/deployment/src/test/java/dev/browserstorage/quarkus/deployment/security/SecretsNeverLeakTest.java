package dev.browserstorage.quarkus.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.LogCapture;
import dev.browserstorage.quarkus.deployment.testing.RequestRoutes;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.quarkus.deployment.testing.WizardStore;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An injected script can open the page's own socket and send what it likes, and read what comes
 * back; a log line ends up in many hands. Neither may ever show the browser's credential (nor its
 * public id, nor its tag): this browser makes every error the server answers a frame or a request
 * with, and the test searches all of them, and every log line down to DEBUG.
 */
class SecretsNeverLeakTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test", jar -> jar.addClasses(Routes.class, RequestRoutes.class, SyncClient.class))
            .overrideConfigKey("quarkus.browser-storage.max-value-bytes", "64")
            .overrideConfigKey("quarkus.log.category.\"dev.browserstorage\".level", "DEBUG");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void noErrorFrameResponseOrLogLineNamesTheBrowsersCredential() throws Exception {
        LogCapture capture = LogCapture.of("", record -> true);
        String credential = Credentials.issue(base);
        List<String> seen = new ArrayList<>();
        try {
            try (SyncClient page = SyncClient.connect(vertx, base, credential, null)) {
                page.send(hello("test"));
                assertThat(page.next().getString("t")).isEqualTo("welcome");
                List<String> hostile = List.of(
                        change("local", "other:x", "1"), // outside the namespace
                        change("local", "test:big", "\"" + "x".repeat(100) + "\""), // over max-value-bytes
                        change("cookie", "lang", "a;b"), // not a cookie value
                        change("cookie", "x".repeat(5000), "1"), // over the cookie size
                        "{not json",
                        "[]",
                        "{\"t\":\"nope\"}",
                        "{\"t\":\"ack\",\"id\":-1}",
                        "{\"t\":\"fail\",\"id\":1,\"error\":\"what\"}",
                        hello("test").encode()); // a second hello: 4400
                CompletableFutureHolder closed = new CompletableFutureHolder(page.closed());
                for (String frame : hostile) {
                    page.socket.writeTextMessage(frame);
                }
                closed.await(page);
                page.frames.forEach(frame -> seen.add(frame.encode()));
                assertThat(seen).as("every hostile frame was answered").hasSizeGreaterThanOrEqualTo(hostile.size());
            }
            for (JsonObject hello : List.of(
                    hello("other"),
                    hello("test").put("tab", "not a tab!"),
                    hello("test").put("v", 2),
                    hello("test").put("local", new JsonObject().put("other:x", "1")),
                    hello("test").put("cookies", "a=b; ".repeat(1001)),
                    hello("test").put("page", "https://elsewhere.example/"))) {
                try (SyncClient page = SyncClient.connect(
                        vertx, base, credential, "http://" + base.getHost() + ":" + base.getPort())) {
                    CompletableFutureHolder closed = new CompletableFutureHolder(page.closed());
                    page.send(hello);
                    closed.await(page);
                    page.frames.forEach(frame -> seen.add(frame.encode()));
                }
            }
            for (String tab : List.of("bad tab!!", "x".repeat(200))) {
                seen.add(send(HttpRequest.newBuilder(base.resolve("/step"))
                                .header("X-Browser-Storage-Tab", tab)
                                .header("Cookie", "bs_id=" + credential))
                        .body());
            }
            seen.add(send(HttpRequest.newBuilder(base.resolve("/step")).header("Cookie", "bs_id=" + credential))
                    .body());
            for (String token : List.of("x.1.y", "a.9999999999999999999.b", "a.99999999999999999999.b", "%00")) {
                HttpResponse<String> refused = send(HttpRequest.newBuilder(base.resolve("/_storage/cookie/" + token))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Cookie", "bs_id=" + credential));
                assertThat(refused.statusCode())
                        .as("a malformed commit URL is the client's error, never a 500: " + token)
                        .isBetween(400, 499);
                seen.add(refused.body());
            }
        } finally {
            capture.close();
        }
        assertThat(seen)
                .as("errors were produced")
                .anyMatch(text -> text.contains("namespace"))
                .anyMatch(text -> text.contains("tab"))
                .anyMatch(text -> text.contains("commit URL"));
        String id = Credentials.id(credential);
        String tag = credential.substring(id.length() + 1);
        for (String text : concat(seen, capture.texts())) {
            assertThat(text).doesNotContain(id).doesNotContain(tag);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(400);
        return response;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private JsonObject hello(String app) {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", app)
                .put("page", base.resolve("/settings").toString())
                .put("local", new JsonObject())
                .put("cookies", "")
                .put("applied", 0);
    }

    private static String change(String area, String key, String value) {
        return new JsonObject()
                .put("t", "change")
                .put("area", area)
                .put("key", key)
                .put("value", value)
                .encode();
    }

    /** Waits for a socket's close, whatever code it has. */
    private record CompletableFutureHolder(java.util.concurrent.CompletableFuture<Short> closed) {
        void await(SyncClient page) throws Exception {
            try {
                closed.get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("not closed; frames: " + page.frames, e);
            }
            Thread.sleep(50);
        }
    }

    /** {@code /step} reads the tab's sessionStorage store: it needs a tab, which the request may name badly. */
    @ApplicationScoped
    public static class Routes {
        @Inject
        WizardStore wizard;

        void route(@Observes Router router) {
            router.get("/step")
                    .handler(context -> RequestRoutes.answer(context, ignored -> {
                        String step = wizard.getStep();
                        context.response().setStatusCode(400);
                        return "unexpected step " + step;
                    }));
        }
    }
}
