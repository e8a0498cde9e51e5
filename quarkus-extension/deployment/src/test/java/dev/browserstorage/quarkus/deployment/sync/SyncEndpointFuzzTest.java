package dev.browserstorage.quarkus.deployment.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.protocol.HostileFrames;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol fuzzing through the real endpoint: hostile frames ({@link HostileFrames}) from several
 * browsers over real WebSockets, while a control browser on the same server keeps writing and
 * acknowledging. After each batch of frames the control session must still work; at the end no
 * exception may have reached the log, every server frame must be one the protocol defines, and
 * the heap must not have grown with what the hostile browsers sent.
 *
 * <p>Each hostile browser starts with a good {@code hello}, so that its frames reach the paths
 * behind it; a browser the server closes (4400) reconnects, as the glue does. 10,000 frames by
 * default (CI); {@code -Dbrowserstorage.fuzz.frames=100000} sends more.
 */
class SyncEndpointFuzzTest {
    private static final int FRAMES = Integer.getInteger("browserstorage.fuzz.frames", 10_000);
    private static final int BATCH = 500;
    private static final int HOSTILE_BROWSERS = 4;
    private static final long MAX_VALUE_BYTES = 64 * 1024;
    private static final long MAX_AREA_UNITS = 256 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test", Prefs.class, PrefsStore.class, jar -> jar.addClasses(Credentials.class, SyncClient.class))
            .overrideConfigKey("quarkus.browser-storage.max-value-bytes", String.valueOf(MAX_VALUE_BYTES))
            .overrideConfigKey("quarkus.browser-storage.max-area-units", String.valueOf(MAX_AREA_UNITS))
            // The fuzzer sends as fast as it can; the rate limit has its own test.
            .overrideConfigKey("quarkus.browser-storage.max-messages-per-second", "1000000")
            .overrideConfigKey("quarkus.browser-storage.max-message-burst", "1000000")
            // Every record that carries an exception, or is an error, is an exception that escaped.
            .setLogRecordPredicate(SyncEndpointFuzzTest::escaped)
            .assertLogRecords(records -> assertThat(records)
                    .as("exceptions that escaped into the log")
                    .extracting(record -> record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                            + " " + record.getThrown())
                    .isEmpty());

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    private static boolean escaped(LogRecord record) {
        return record.getThrown() != null || record.getLevel().intValue() >= Level.SEVERE.intValue();
    }

    @Test
    void hostileFramesGetDocumentedErrorsAndAnotherBrowserKeepsWorking() throws Exception {
        HostileFrames hostile = new HostileFrames("test", MAX_VALUE_BYTES, MAX_AREA_UNITS);
        Iterator<String> frames = hostile.sampler();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        String controlCredential = Credentials.issue(base);
        try (SyncClient control = SyncClient.connect(vertx, base, controlCredential, null)) {
            control.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", "http://localhost/")
                    .put("local", new JsonObject())
                    .put("cookies", "")
                    .put("applied", 0));
            assertThat(control.next().getString("t")).isEqualTo("welcome");
            Browser controlSession =
                    browsers.find(Credentials.id(controlCredential)).orElseThrow();

            List<SyncClient> browsers = new ArrayList<>();
            List<Future<Void>> writes = new ArrayList<>();
            int reconnects = 0;
            for (int i = 0; i < HOSTILE_BROWSERS; i++) {
                browsers.add(SyncClient.connect(vertx, base, "HOSTILE" + i + "x".repeat(14), null));
                browsers.get(i).socket.writeTextMessage(hostile.goodHello());
            }
            List<JsonObject> received = new ArrayList<>();
            for (int sent = 0; sent < FRAMES; sent++) {
                int index = sent % HOSTILE_BROWSERS;
                SyncClient browser = browsers.get(index);
                if (browser.socket.isClosed()) {
                    // Closed by the server (4400): the glue would reconnect, and so does the fuzzer.
                    browser.frames.drainTo(received);
                    browser.client.close();
                    browser = SyncClient.connect(vertx, base, "HOSTILE" + index + "x".repeat(14), null);
                    browsers.set(index, browser);
                    reconnects++;
                    browser.socket.writeTextMessage(hostile.goodHello());
                }
                writes.add(browser.socket.writeTextMessage(frames.next()).recover(closed -> Future.succeededFuture()));
                if ((sent + 1) % BATCH == 0) {
                    Future.join(writes)
                            .toCompletionStage()
                            .toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                    writes.clear();
                    checkControl(control, controlSession, sent);
                }
            }
            for (SyncClient browser : browsers) {
                browser.frames.drainTo(received);
                browser.close();
            }

            assertThat(received)
                    .as("the hostile browsers got errors")
                    .anyMatch(frame -> "error".equals(frame.getString("t")));
            assertThat(received).allSatisfy(frame -> {
                assertThat(frame.getString("t")).isIn("welcome", "error", "batch", "batches");
                if ("error".equals(frame.getString("t"))) {
                    assertThat(frame.getString("code")).isIn("bad-frame", "namespace", "too-large", "protocol", "rate");
                }
            });
            System.out.printf(
                    "SyncEndpointFuzzTest: %,d frames sent over %d browsers, %,d server frames back, %d reconnects "
                            + "after a 4400%n",
                    FRAMES, HOSTILE_BROWSERS, received.size(), reconnects);
        }

        System.gc();
        long grown = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.printf("SyncEndpointFuzzTest: heap grew by %,d bytes%n", grown);
        // Each hostile browser may keep its budget (two areas of 256 Ki units, 2 bytes each) and
        // its cookies; everything else it sent must be gone.
        assertThat(grown).as("heap growth").isLessThan(128L * 1024 * 1024);
    }

    /** The control browser still gets a server write, acknowledges it, and has its own change taken. */
    private void checkControl(SyncClient control, Browser session, int sent) throws Exception {
        CompletableFuture<Void> done =
                new PrefsStore(session).setTheme("t" + sent).toCompletableFuture();
        JsonObject batch = control.next();
        assertThat(batch.getString("t"))
                .as("control frame after %d hostile frames", sent)
                .isEqualTo("batch");
        control.send(new JsonObject().put("t", "ack").put("id", batch.getLong("id")));
        done.get(10, TimeUnit.SECONDS);

        String value = "\"c" + sent + "\"";
        control.send(new JsonObject()
                .put("t", "change")
                .put("area", "local")
                .put("key", "test:prefs.theme")
                .put("value", value));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!session.readText(StorageArea.LOCAL, "test:prefs.theme")
                .orElse("")
                .equals(value)) {
            assertThat(System.nanoTime()).as("control change taken within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
