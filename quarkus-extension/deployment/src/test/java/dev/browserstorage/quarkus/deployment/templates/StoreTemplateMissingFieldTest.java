package dev.browserstorage.quarkus.deployment.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.TestStores;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A template that names a field the store does not have fails the build (Qute checks {@code
 * {inject:...}} against the store's class), naming the field and the store.
 */
class StoreTemplateMissingFieldTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> TestStores.addTo(jar)
                    .addAsResource(
                            new StringAsset("theme={inject:prefs.theme} colour={inject:prefs.colour}"),
                            "templates/page.txt"))
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("colour")
                    .hasStackTraceContaining(PrefsStore.class.getName()));

    @Test
    void theBuildFails() {
        // The build's failure is asserted above.
    }
}
