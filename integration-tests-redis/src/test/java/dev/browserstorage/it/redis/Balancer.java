package dev.browserstorage.it.redis;

import dev.browserstorage.quarkus.redis.testing.Binaries;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in front of the nodes, as a deployment puts one: HTTP mode, round robin per request,
 * WebSocket upgrades passed through (a tunnel may stay open an hour), and health checks every
 * 300 ms that take a dead node out of rotation after one failed check. Each answer says which node
 * gave it in {@code X-Node}. The client's {@code Host} header reaches the node unchanged, so a page's
 * origin is the balancer's.
 */
final class Balancer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final int port = Waits.freePort();
    private final Path config;
    private final Path log;
    private final Process process;

    /**
     * Writes the configuration and starts HAProxy in the foreground ({@code -db}).
     *
     * @param logDir where {@code haproxy.cfg} and {@code haproxy.log} go
     * @param nodes the nodes behind it, named in {@code X-Node} by their names
     */
    Balancer(Path logDir, List<AppNode> nodes) {
        this.config = logDir.resolve("haproxy.cfg");
        this.log = logDir.resolve("haproxy.log");
        StringBuilder cfg = new StringBuilder()
                .append("global\n")
                .append("    maxconn 2000\n")
                .append("\n")
                .append("defaults\n")
                .append("    mode http\n")
                .append("    timeout connect 2s\n")
                .append("    timeout client 60s\n")
                .append("    timeout server 60s\n")
                // An upgraded WebSocket is a tunnel: idle sync sockets stay open.
                .append("    timeout tunnel 1h\n")
                .append("    timeout check 1s\n")
                // A request that reaches a node that just died goes to another one.
                .append("    option redispatch\n")
                .append("    retries 2\n")
                .append("\n")
                .append("frontend web\n")
                .append("    bind 127.0.0.1:")
                .append(port)
                .append('\n')
                .append("    default_backend nodes\n")
                .append("\n")
                .append("backend nodes\n")
                .append("    balance roundrobin\n")
                .append("    option httpchk GET /\n")
                .append("    http-response set-header X-Node %s\n");
        for (AppNode node : nodes) {
            cfg.append("    server ")
                    .append(node.name())
                    .append(" 127.0.0.1:")
                    .append(node.port())
                    .append(" check inter 300 fall 1 rise 1\n");
        }
        try {
            Files.writeString(config, cfg);
            process = new ProcessBuilder(List.of(Binaries.path("haproxy").toString(), "-f", config.toString(), "-db"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start haproxy", e);
        }
        Waits.until("HAProxy listens on port " + port + " (log: " + log + ")", START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + Waits.tail(log, 20));
            }
            return listens();
        });
    }

    /** @return {@code http://127.0.0.1:<port>/} */
    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    int port() {
        return port;
    }

    private boolean listens() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "HAProxy on " + url();
    }
}
