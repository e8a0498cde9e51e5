package dev.browserstorage.it.redis;

import dev.browserstorage.quarkus.redis.testing.RedisServer;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of the app: the packaged demo built with the Redis extension ({@code target/quarkus-app},
 * failsafe's {@code demo.jar}), run as its own JVM on the loopback address, on a free port it keeps
 * across restarts, using the given Redis. It runs as the README tells users to run a node: no
 * browser-id key configured, so the nodes must agree on one through Redis.
 *
 * <p>Its output goes to {@code <log dir>/<name>.log}, appended across restarts.
 */
final class AppNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final int port = Waits.freePort();
    private final Path log;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Process process;

    /**
     * @param name the node's name: its log's and the balancer's name for it ({@code X-Node})
     * @param logDir where its log goes
     * @param redis the Redis it shares browsers through
     * @param extra more system properties for it (they win over the defaults)
     */
    AppNode(String name, Path logDir, RedisServer redis, Map<String, String> extra) {
        this.name = name;
        this.log = logDir.resolve(name + ".log");
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("quarkus.redis.hosts", redis.uri());
        // Plain-HTTP loopback: the bs_id cookie is then plain (no __Host- prefix, no Secure). The allowance
        // only applies in dev and test mode; the packaged app warns that it ignores it, which is harmless here.
        properties.put("quarkus.browser-storage.insecure-localhost-cookies", "true");
        properties.put("quarkus.banner.enabled", "false");
        // The nodes' logs (target/nodes/<test class>/) say what each step of the sharing did.
        properties.put("quarkus.log.category.\"dev.browserstorage\".level", "DEBUG");
        properties.putAll(extra);
    }

    AppNode(String name, Path logDir, RedisServer redis) {
        this(name, logDir, redis, Map.of());
    }

    /**
     * Starts the node (again, on the same port) and waits until it answers {@code GET /}.
     *
     * @return this
     */
    AppNode start() {
        launch();
        awaitReady();
        return this;
    }

    /** Starts the process without waiting for it: {@link #awaitReady()} waits (so that nodes start together). */
    void launch() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is already running on port " + port);
        }
        Path jar = Path.of(System.getProperty("demo.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no packaged app at " + jar.toAbsolutePath()
                            + ": build it with `./mvnw -B -pl integration-tests-redis -am verify` (failsafe runs after package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Three JVMs share two cores in CI: small heaps, the serial collector.
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.writeString(
                    log,
                    "===== " + Instant.now() + " " + name + " starts: " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the node launched answers {@code GET /} with 200. */
    void awaitReady() {
        Process started = process;
        Waits.until(name + " answers GET / on port " + port + " (log: " + log + ")", START_TIMEOUT, () -> {
            if (!started.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + started.exitValue() + " while starting:\n" + Waits.tail(log, 40));
            }
            return answers();
        });
    }

    /** Stops the node as an orchestrator would (SIGTERM: Quarkus shuts down) and waits until it is gone. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            Waits.awaitExit(process, STOP_TIMEOUT);
        }
    }

    /** Kills the node at once (SIGKILL): no shutdown hooks, no close frames, nothing written to Redis. */
    void kill9() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            Waits.awaitExit(process, STOP_TIMEOUT);
        }
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** @return {@code http://127.0.0.1:<port>/} */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    Path log() {
        return log;
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) url().toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + " on " + url();
    }
}
