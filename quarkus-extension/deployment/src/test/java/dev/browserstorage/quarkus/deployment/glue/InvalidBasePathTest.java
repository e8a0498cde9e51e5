package dev.browserstorage.quarkus.deployment.glue;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A base path the routes could not use fails the build, naming the property, the value and the fix. */
class InvalidBasePathTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.path", "/storage/")
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining(
                            "quarkus.browser-storage.path is '/storage/': it must start with '/', not end with one"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
