package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.SeparateCompilation;
import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A generated store whose schema the class path lacks (a jar packaged without the processor's
 * resources) fails the build with the fix: without its schema, its keys are unknown.
 */
class MissingStoreSchemaTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> SeparateCompilation.of(Map.of("com.lost.Prefs", """
                            package com.lost;

                            @dev.browserstorage.annotation.LocalStorage("lost")
                            public class Prefs {
                                public String theme;
                            }
                            """))
                    .addTo(jar, path -> !path.startsWith("META-INF/")))
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("browser-storage: store com.lost.PrefsStore names its"
                            + " schema META-INF/browser-storage/stores/com.lost.Prefs.json, which is not on the class path: rebuild"
                            + " the jar that holds com.lost.Prefs with browser-storage-processor"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
