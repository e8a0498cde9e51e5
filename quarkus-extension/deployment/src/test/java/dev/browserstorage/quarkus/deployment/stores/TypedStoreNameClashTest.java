package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.SeparateCompilation;
import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A localStorage and a sessionStorage store with one namespace have distinct keys, but would both
 * be {@code BrowserStorage.stores.same} in the page: the application's build fails and names both.
 */
class TypedStoreNameClashTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> SeparateCompilation.of(Map.of(
                            "com.a.Settings", """
                            package com.a;

                            @dev.browserstorage.annotation.LocalStorage("same")
                            public class Settings {
                                public String value;
                            }
                            """,
                            "com.b.Options", """
                            package com.b;

                            @dev.browserstorage.annotation.SessionStorage("same")
                            public class Options {
                                public String value;
                            }
                            """))
                    .addTo(jar, path -> true))
            // Both would also be the bean named 'same' (StoreBeanNameClashTest): not this test's concern.
            .overrideConfigKey("quarkus.browser-storage.named-stores", "false")
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining(
                            "stores com.a.Settings and com.b.Options both use namespace 'same': the typed JavaScript stores are"
                                    + " named by namespace (BrowserStorage.stores.same)"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
