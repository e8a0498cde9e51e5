package dev.browserstorage.bench.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the harness's own on a free loopback port, with nothing saved to disk
 * ({@code --save "" --appendonly no}), its log in {@code target/bench-logs/redis.log}; and a
 * minimal RESP client, enough to read its counters ({@code INFO}) and reset them.
 */
final class RedisProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts redis-server and waits until it answers.
     *
     * @param binary the redis-server binary
     * @return the running server
     * @throws Exception if it does not answer within 10 s
     */
    static RedisProcess start(Path binary) throws Exception {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no " + binary + ": install redis-server or pass -Dbench.redisServer");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BenchServer.HOST))) {
            port = socket.getLocalPort();
        }
        Path logs = Files.createDirectories(Path.of("target", "bench-logs"));
        Process process = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        BenchServer.HOST,
                        "--save",
                        "",
                        "--appendonly",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("redis.log").toFile())
                .start();
        RedisProcess redis = new RedisProcess(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                redis.command("PING");
                break;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    redis.close();
                    throw new IllegalStateException("redis-server did not start: see target/bench-logs/redis.log", e);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        System.out.printf(
                "redis-server started on port %d (%s)%n",
                port, redis.info("server").get("redis_version"));
        return redis;
    }

    /** @return what the app's nodes take as {@code quarkus.redis.hosts} */
    String uri() {
        return "redis://" + BenchServer.HOST + ":" + port;
    }

    /**
     * Calls of each command since the last reset, from {@code INFO commandstats}: Redis counts the
     * commands that scripts call under their own names, beside the script's {@code eval}/{@code evalsha}.
     *
     * @return calls by command name
     */
    Map<String, Long> commandCalls() throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        for (Map.Entry<String, String> line : info("commandstats").entrySet()) {
            // cmdstat_eval:calls=10,usec=...,rejected_calls=0,failed_calls=0
            String name = line.getKey().substring("cmdstat_".length());
            String value = line.getValue();
            int start = value.indexOf("calls=") + "calls=".length();
            calls.put(name, Long.parseLong(value.substring(start, value.indexOf(',', start))));
        }
        return calls;
    }

    /** @return the fields of one {@code INFO} section */
    Map<String, String> info(String section) throws IOException {
        Map<String, String> fields = new TreeMap<>();
        for (String line : command("INFO", section).split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    /** Sends one command on a fresh connection and returns its reply as text (integers as digits). */
    String command(String... words) throws IOException {
        try (Socket socket = new Socket(BenchServer.HOST, port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String word : words) {
                byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = line(in);
            switch (head.charAt(0)) {
                case '+', ':' -> {
                    return head.substring(1);
                }
                case '$' -> {
                    int length = Integer.parseInt(head.substring(1));
                    if (length < 0) {
                        return null;
                    }
                    byte[] body = in.readNBytes(length);
                    return new String(body, StandardCharsets.UTF_8);
                }
                default -> throw new IOException("Redis answered " + head);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
