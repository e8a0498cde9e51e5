package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A sealing key that names none of the configured keys stops the start, naming the ids. */
class UnknownSealingKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
            .overrideConfigKey("quarkus.browser-storage.sealing-key", "k2")
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining(
                            "quarkus.browser-storage.sealing-key is 'k2', which is not the id of a key in quarkus.browser-storage.keys (k1)")
                    .satisfies(t ->
                            assertThat(stackTrace(t)).doesNotContain("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")));

    @Test
    void theApplicationDoesNotStart() {
        throw new AssertionError("the application must not start");
    }

    /** The whole trace, causes included, where a secret must not appear. */
    private static String stackTrace(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
