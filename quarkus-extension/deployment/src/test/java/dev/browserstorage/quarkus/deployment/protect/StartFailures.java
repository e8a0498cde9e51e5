package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The checks of a start refused for its protection keys. */
final class StartFailures {
    private StartFailures() {}

    /**
     * @param failure what stopped the start
     * @param message what its trace must say
     * @param secret what its trace, causes included, must never say
     */
    static void namesNoSecret(Throwable failure, String message, String secret) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).contains(message).doesNotContain(secret);
    }
}
