package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.TestStores;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An application bean with a store's name fails the build, naming both and the ways out. */
class StoreBeanNameClashTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> TestStores.addTo(jar).addClasses(OtherPrefs.class))
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("browser-storage: store "
                            + PrefsStore.class.getName()
                            + " would be the bean named 'prefs' (for templates: {inject:prefs.<field>}),"
                            + " but that is the name of bean " + OtherPrefs.class.getName()
                            + ". Rename that bean, or set"
                            + " quarkus.browser-storage.named-stores=false to leave the stores unnamed."));

    @Test
    void theBuildFails() {
        // The build's failure is asserted above.
    }

    /** The application's own bean that took the name first. */
    @Named("prefs")
    @ApplicationScoped
    public static class OtherPrefs {}
}
