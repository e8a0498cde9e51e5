package dev.browserstorage.quarkus.redis.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs the Redis tests start: {@code redis-server} (Debian's {@code redis-server}; the
 * scripts' tests here and the cluster tests of {@code integration-tests-redis}) and {@code haproxy}
 * (Debian's {@code haproxy}, in {@code /usr/sbin}, which a non-root {@code PATH} may lack; the
 * cluster tests). {@code .ci/run} installs both. Shared through this module's test jar.
 *
 * <p>The project's rule: a test that cannot run says so. Without them the tests are aborted (reported
 * as skipped) with the reason; in CI (the environment variable {@code CI} is {@code true}) they fail
 * instead, naming what is missing, as CI must never skip them.
 */
public final class Binaries {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    private Binaries() {}

    /**
     * Makes sure the programs are installed.
     *
     * @param names the programs' names
     * @throws IllegalStateException in CI when one is missing
     * @throws org.opentest4j.TestAbortedException elsewhere when one is missing
     */
    public static void require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (find(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "not installed: " + String.join(", ", missing)
                + " (Debian packages of the same names: apt-get install -y " + String.join(" ", missing)
                + "; .ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the Redis tests must run, but " + reason);
        }
        System.err.printf(
                "%n*** WARNING: the Redis tests are SKIPPED: %s%n"
                        + "*** (In CI, with CI=true, they fail instead.)%n%n",
                reason);
        Assumptions.abort("Redis tests skipped: " + reason);
    }

    /**
     * @param name a program's name
     * @return its path
     * @throws IllegalStateException when it is not installed
     */
    public static Path path(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " is not installed"));
    }

    private static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), SYSTEM_DIRS.stream())
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
