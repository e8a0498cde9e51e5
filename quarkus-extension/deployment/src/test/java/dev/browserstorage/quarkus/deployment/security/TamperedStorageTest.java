package dev.browserstorage.quarkus.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.LogCapture;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.Tampered;
import dev.browserstorage.quarkus.deployment.testing.TamperedStore;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values edited by hand in the browser (devtools, another script) reach the server in the {@code
 * hello}: each reads as its default with one warning, never as an exception in application code,
 * and the next write of the field repairs it in the browser.
 */
class TamperedStorageTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test",
                    Tampered.class,
                    TamperedStore.class,
                    jar -> jar.addClasses(Credentials.class, LogCapture.class, SyncClient.class))
            // Small, so that a hand-edited value over it is still a short frame.
            .overrideConfigKey("quarkus.browser-storage.max-value-bytes", "64");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    @Test
    void tamperedValuesReadAsTheDefaultWithOneWarningEachAndTheNextWriteRepairsThem() throws Exception {
        LogCapture capture = LogCapture.of(
                "dev.browserstorage.store.StoreAccess",
                record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                        && record.getMessage().contains("test:tampered."));
        List<LogRecord> warnings = capture.records;
        String credential = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, credential, null)) {
            JsonObject local = new JsonObject()
                    .put("test:tampered.size", "\"fourteen\"") // wrong type
                    .put("test:tampered.mode", "\"PURPLE\"") // no such enum value
                    .put("test:tampered.title", "{\"not json") // invalid JSON
                    .put("test:tampered.note", "\"" + "n".repeat(100) + "\""); // valid, but over max-value-bytes
            browser.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", "http://localhost/")
                    .put("local", local)
                    .put("cookies", "")
                    .put("applied", 0));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            TamperedStore store = new TamperedStore(session);

            for (int read = 0; read < 3; read++) {
                assertThat(store.getSize()).isEqualTo(14);
                assertThat(store.getMode()).isEqualTo(Tampered.Mode.LIGHT);
                assertThat(store.getTitle()).isEqualTo("untitled");
                assertThat(store.getNote()).isEqualTo("none");
            }
            assertThat(warnings)
                    .as("one warning per tampered value, however often it is read")
                    .extracting(LogRecord::getMessage)
                    .hasSize(4)
                    .anyMatch(m -> m.contains("test:tampered.size"))
                    .anyMatch(m -> m.contains("test:tampered.mode"))
                    .anyMatch(m -> m.contains("test:tampered.title"))
                    .anyMatch(m -> m.contains("test:tampered.note") && m.contains("over the limit of 64"));

            assertThat(ackedWrite(browser, store.setSize(16).toCompletableFuture()))
                    .isEqualTo("test:tampered.size=16");
            assertThat(ackedWrite(browser, store.setMode(Tampered.Mode.DARK).toCompletableFuture()))
                    .isEqualTo("test:tampered.mode=\"DARK\"");
            assertThat(ackedWrite(browser, store.setTitle("fixed").toCompletableFuture()))
                    .isEqualTo("test:tampered.title=\"fixed\"");
            assertThat(store.getSize()).isEqualTo(16);
            assertThat(store.getMode()).isEqualTo(Tampered.Mode.DARK);
            assertThat(ackedWrite(browser, store.setNote("short").toCompletableFuture()))
                    .isEqualTo("test:tampered.note=\"short\"");
            assertThat(store.getTitle()).isEqualTo("fixed");
            assertThat(store.getNote()).isEqualTo("short");
            assertThat(warnings).as("no warning once repaired").hasSize(4);
        } finally {
            capture.close();
        }
    }

    /** Reads the batch a write sent, acknowledges it as the glue would, and returns its write. */
    private static String ackedWrite(SyncClient browser, CompletableFuture<Void> stage) throws Exception {
        JsonObject batch = browser.next();
        assertThat(batch.getString("t")).isEqualTo("batch");
        browser.send(new JsonObject().put("t", "ack").put("id", batch.getLong("id")));
        stage.get(10, TimeUnit.SECONDS);
        JsonObject write = batch.getJsonArray("writes").getJsonObject(0);
        return write.getString("key") + "=" + write.getString("value");
    }
}
