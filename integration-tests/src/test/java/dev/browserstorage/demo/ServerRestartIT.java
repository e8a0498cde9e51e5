package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server process dies under a connected page and a new one starts: the real demo jar, killed
 * without a chance to close anything, then started again on the same port. What the old server had
 * written and the browser acknowledged stays in the browser; the glue reconnects on its own, the new
 * server's empty session continues the batch ids after what the browser applied, and its writes
 * are applied once.
 */
class ServerRestartIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(60);

    /** The key both processes share, as the nodes of a deployment must: the new one accepts the old one's ids. */
    private static final String BROWSER_ID_KEY = "a key the old and the new process share, 32+ bytes";

    private final int port = freePort();
    private Process server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void aPageOutlivesAServerCrashAndSyncsWithTheNewServerExactlyOnce() throws Exception {
        server = start();
        try (DemoBrowser browser = new DemoBrowser(new URL("http://localhost:" + port + "/"))) {
            HtmlPage page = browser.openSettings();
            browser.js(
                    page,
                    "window.__readies = 0; document.addEventListener('browser-storage:ready', () => window.__readies++)");

            DemoBrowser.Answer dark = browser.post("api/prefs", "{\"theme\":\"DARK\"}");
            assertThat(dark.status()).as(dark.body()).isEqualTo(200);
            long appliedBefore = Long.parseLong(browser.localStorage().get(DemoAppTestBase.APPLIED));
            int batchesBefore = ((Number) browser.js(page, "window.__batches")).intValue();

            // A crash: no shutdown hooks, no close frames.
            server.destroyForcibly().waitFor();
            server = start();

            await(
                    "the glue reconnects to the new server on its own",
                    RECONNECT_TIMEOUT,
                    () -> browser.isTrue(page, "window.__readies >= 1 && BrowserStorage.state() === 'open'"));
            DemoBrowser.Answer big = browser.post("api/prefs", "{\"fontSize\":18}");
            assertThat(big.status())
                    .as("the new server reads the hydrated browser and its write is acknowledged: %s", big.body())
                    .isEqualTo(200);

            assertThat(browser.localStorage())
                    .as("what the old server wrote and the browser acknowledged is still there")
                    .containsEntry(DemoAppTestBase.THEME, "\"DARK\"")
                    .containsEntry(DemoAppTestBase.FONT_SIZE, "18");
            assertThat(Long.parseLong(browser.localStorage().get(DemoAppTestBase.APPLIED)))
                    .as("the new server's first batch continued after the browser's count, so it was applied, once")
                    .isEqualTo(appliedBefore + 1);
            assertThat(((Number) browser.js(page, "window.__batches")).intValue())
                    .isEqualTo(batchesBefore + 1);
            DemoBrowser.Answer read = browser.get("api/prefs");
            assertThat(read.body()).contains("\"theme\":\"DARK\"").contains("\"fontSize\":18");
        }
    }

    private Process start() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar", "target/quarkus-app/quarkus-run.jar"));
        assertThat(jar).as("the packaged demo (mvn package builds it)").exists();
        Path log = Files.createTempFile("demo-" + port + "-", ".log");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dquarkus.http.port=" + port,
                        "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.browser-storage.browser-id-key=" + BROWSER_ID_KEY,
                        "-jar",
                        jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await(
                "the demo answers on port " + port + " (log: " + log + ")",
                START_TIMEOUT,
                () -> process.isAlive() && answers());
        return process;
    }

    private boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/").openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until %s", what).isLessThan(deadline);
            DemoBrowser.sleep(100);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
