package dev.browserstorage.bench.harness;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark app ({@code target/quarkus-app/quarkus-run.jar}) running in a child JVM on a free
 * loopback port, its output in {@code target/bench-logs/<label>.log}.
 */
final class BenchServer implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private BenchServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the app and waits until it listens.
     *
     * @param label names the log file
     * @param jvmOptions options of the child JVM, such as {@code -Xmx2g}
     * @return the running app
     * @throws Exception if it does not listen within a minute
     */
    static BenchServer start(String label, String... jvmOptions) throws Exception {
        return start(
                Path.of(System.getProperty("bench.appJar", "target/quarkus-app/quarkus-run.jar")), label, jvmOptions);
    }

    /**
     * Starts a packaging of the app (such as the one with the Redis module) and waits until it listens.
     * The system property {@code bench.appJvmArgs} adds options to the app's JVM (split at spaces),
     * e.g. {@code -XX:StartFlightRecording=filename=target/app.jfr,settings=profile}.
     *
     * @param jar the app's {@code quarkus-run.jar}
     * @param label names the log file
     * @param jvmOptions options of the child JVM
     * @return the running app
     * @throws Exception if it does not listen within a minute
     */
    static BenchServer start(Path jar, String label, String... jvmOptions) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module first (see benchmarks/RESULTS.md)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            port = socket.getLocalPort();
        }
        Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        // Opt-in extra options for the app's JVM, such as a flight recording to profile it.
        String extra = System.getProperty("bench.appJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(label + ".log").toFile())
                .start();
        BenchServer server = new BenchServer(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!server.listens()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("the app did not start: see target/bench-logs/" + label + ".log");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        System.out.printf("app started on port %d (JVM options %s)%n", port, List.of(jvmOptions));
        return server;
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    /** @return the CPU time the app's process has used so far, all threads, in nanoseconds; -1 if unknown */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** @return the app's process id, for {@code jcmd} */
    long pid() {
        return process.pid();
    }

    /**
     * Calls the app and reads its JSON answer.
     *
     * @param method GET or POST
     * @param pathAndQuery such as {@code /bench/heap}
     * @return the answer
     * @throws Exception on a failed call or a status other than 200
     */
    JsonObject call(String method, String pathAndQuery) throws Exception {
        return call(method, pathAndQuery, null);
    }

    /**
     * Calls the app as a browser would, with its {@code bs_id} cookie, and reads its JSON answer.
     *
     * @param method GET or POST
     * @param pathAndQuery such as {@code /bench/heap}
     * @param credential the browser's {@code bs_id} credential, or null for none
     * @return the answer
     * @throws Exception on a failed call or a status other than 200
     */
    JsonObject call(String method, String pathAndQuery, String credential) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + pathAndQuery))
                .timeout(Duration.ofMinutes(3))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (credential != null) {
            builder.header("Cookie", "bs_id=" + credential);
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    method + " " + pathAndQuery + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** @return the app's used heap after garbage collection, with its sessions and connections */
    JsonObject heap() throws Exception {
        return call("GET", "/bench/heap");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
