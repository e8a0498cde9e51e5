package dev.browserstorage.quarkus.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} on the loopback address, on a free port it keeps across restarts,
 * with nothing saved to disk ({@code --save "" --appendonly no}): a restart starts empty, as a Redis
 * that lost its memory does.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final int port = Waits.freePort();
    private final Path log;
    private Process process;

    /** @param logDir where {@code redis.log} goes */
    public RedisServer(Path logDir) {
        this.log = logDir.resolve("redis.log");
    }

    /**
     * Starts the server (again, on the same port) and waits until it answers {@code PING}.
     *
     * @return this
     */
    public RedisServer start() {
        if (isRunning()) {
            throw new IllegalStateException("Redis is already running on port " + port);
        }
        try {
            process = new ProcessBuilder(List.of(
                            Binaries.path("redis-server").toString(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no"))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server", e);
        }
        Process started = process;
        Waits.until("Redis answers PING on port " + port + " (log: " + log + ")", START_TIMEOUT, () -> {
            if (!started.isAlive()) {
                throw new AssertionError(
                        "redis-server exited with " + started.exitValue() + ":\n" + Waits.tail(log, 20));
            }
            return ping();
        });
        return this;
    }

    /** Stops the server as an operator would (SIGTERM) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            process.destroy();
            Waits.awaitExit(process, STOP_TIMEOUT);
        }
    }

    /** Kills the server at once (SIGKILL): no shutdown, connections cut. */
    public void kill9() {
        if (process != null) {
            process.destroyForcibly();
            Waits.awaitExit(process, STOP_TIMEOUT);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** @return the address for {@code quarkus.redis.hosts} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return whether the server answers {@code PING} with {@code PONG} (RESP over a plain socket) */
    public boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = 0;
            while (read < answer.length) {
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    return false;
                }
                read += n;
            }
            return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill9();
    }

    @Override
    public String toString() {
        return "Redis on " + uri();
    }
}
