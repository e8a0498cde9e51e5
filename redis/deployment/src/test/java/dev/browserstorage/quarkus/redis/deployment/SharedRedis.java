package dev.browserstorage.quarkus.redis.deployment;

import dev.browserstorage.quarkus.redis.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real redis-server for the tests of this JVM, started on first use and stopped with the JVM.
 * Its address is kept in a system property: the test class is loaded again inside the test
 * application, and must find the same server there.
 */
final class SharedRedis {
    private static final String PROPERTY = "browser-storage.test.redis";

    private SharedRedis() {}

    /** @return the server's {@code redis://} address */
    static synchronized String uri() {
        String uri = System.getProperty(PROPERTY);
        if (uri == null) {
            try {
                Path logs = Files.createDirectories(Path.of("target", "redis"));
                RedisServer server = new RedisServer(logs).start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
                uri = server.uri();
                System.setProperty(PROPERTY, uri);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return uri;
    }
}
