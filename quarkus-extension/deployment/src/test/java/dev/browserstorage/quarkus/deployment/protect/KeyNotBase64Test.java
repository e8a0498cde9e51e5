package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A protection key that is not base64 stops the start, naming its id and never its text. */
class KeyNotBase64Test {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.\"k1\"", "not base64 at all, but a passphrase!")
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("quarkus.browser-storage.keys.\"k1\" is not base64")
                    .satisfies(t -> assertThat(stackTrace(t)).doesNotContain("passphrase")));

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
