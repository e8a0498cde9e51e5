package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.SeparateCompilation;
import io.quarkus.test.QuarkusUnitTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores compiled separately (so the processor could not see both) that claim the same key,
 * one in the application and one in another jar: the application's build fails and names both.
 * (QuarkusUnitTest indexes every jar it is given; that a plain library jar's stores are found
 * unaided is integration-tests' LibraryStoreTest.)
 */
class DuplicateKeyAcrossJarsTest {

    private static SeparateCompilation settings(String pkg) {
        return SeparateCompilation.of(Map.of(pkg + ".Settings", """
                package %s;

                @dev.browserstorage.annotation.LocalStorage("dup")
                public class Settings {
                    public String value;
                }
                """.formatted(pkg)));
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> settings("com.a").addTo(jar, path -> true))
            .withAdditionalDependency(jar -> settings("com.b").addTo(jar, path -> true))
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining(
                            "stores com.a.Settings and com.b.Settings both use local key 'dup.value'"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
