package dev.browserstorage.quarkus.deployment.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.StorageArea;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Everything the extension serves the browser moves with {@code quarkus.browser-storage.path}: the
 * glue, the stores' schemas and the sync socket, which the glue finds next to its own URL.
 */
class BasePathTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test",
                    jar -> jar.addClass(SyncClient.class)
                            .addAsResource(new StringAsset("""
                            <!DOCTYPE html>
                            <html><head><title>moved</title>
                            <script src="/app/bs/storage.js" data-app="test"></script>
                            <script>
                              document.addEventListener('browser-storage:ready', function () { window.ready = true; });
                            </script>
                            </head><body></body></html>
                            """), "META-INF/resources/index.html"))
            .overrideConfigKey("quarkus.browser-storage.path", "/app/bs");

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @TestHTTPResource("/index.html")
    URL index;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGlueIsServedUnderThePathAndRevalidatedWithItsETag() throws Exception {
        HttpResponse<String> glue = get("/app/bs/storage.js");
        assertThat(glue.statusCode()).isEqualTo(200);
        assertThat(glue.body()).contains("window.BrowserStorage");
        assertThat(glue.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(glue.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        String etag = glue.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/app/bs/storage.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/app/bs/storage.js", "If-None-Match", "\"stale\"").statusCode())
                .isEqualTo(200);

        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(base.resolve("/app/bs/storage.js"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(get("/_storage/storage.js").statusCode())
                .as("nothing is left at the default path")
                .isEqualTo(404);
    }

    @Test
    void theStoresSchemasAreServedInOneDocument() throws Exception {
        HttpResponse<String> stores = get("/app/bs/stores.json");
        assertThat(stores.statusCode()).isEqualTo(200);
        assertThat(stores.headers().firstValue("ETag")).isPresent();
        JsonNode document = new ObjectMapper().readTree(stores.body());
        assertThat(document.path("formatVersion").asInt()).isEqualTo(1);
        JsonNode prefs = null;
        for (JsonNode store : document.path("stores")) {
            if (store.path("type").asText().equals(Prefs.class.getName())) {
                prefs = store;
            }
        }
        assertThat(prefs)
                .as("the schema of %s in %s", Prefs.class.getName(), stores.body())
                .isNotNull();
        assertThat(prefs.path("area").asText()).isEqualTo("local");
        assertThat(prefs.path("fields").findValuesAsText("key")).contains("prefs.theme", "prefs.fontSize");
    }

    @Test
    void theSocketIsAtThePathAndThePageFindsIt() throws Exception {
        assertThatThrownBy(() -> SyncClient.connect(vertx, base, null, null, "/_storage/sync")
                        .close())
                .as("no socket at the default path")
                .isNotNull();
        try (SyncClient client = SyncClient.connect(vertx, base, "PPPPPPPPPPPPPPPPPPPPPP", null, "/app/bs/sync")) {
            client.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", "http://localhost/")
                    .put("local", new JsonObject())
                    .put("session", new JsonObject())
                    .put("cookies", "")
                    .put("applied", 0));
            assertThat(client.next().getString("t")).isEqualTo("welcome");
        }

        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            browser.getStorageHolder().getLocalStorage(index).put("test:prefs.theme", "\"dark\"");
            HtmlPage page = browser.getPage(index);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Boolean.TRUE.equals(
                            page.executeJavaScript("window.ready === true").getJavaScriptResult())
                    && System.nanoTime() < deadline) {
                browser.waitForBackgroundJavaScript(50);
            }
            assertThat(page.executeJavaScript("BrowserStorage.state()").getJavaScriptResult())
                    .isEqualTo("open");
            String id = Credentials.id(
                    browser.getCookieManager().getCookie(Credentials.COOKIE).getValue());
            assertThat(browsers.find(id).orElseThrow().readText(StorageArea.LOCAL, "test:prefs.theme"))
                    .contains("\"dark\"");
        }
    }
}
