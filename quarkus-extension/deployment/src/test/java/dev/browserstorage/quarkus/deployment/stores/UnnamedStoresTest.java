package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.TestStores;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus.browser-storage.named-stores=false} the stores are unnamed, so an application
 * bean may keep a store's name, and the stores are still injected by type.
 */
class UnnamedStoresTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> TestStores.addTo(jar).addClasses(OtherPrefs.class))
            .overrideConfigKey("quarkus.browser-storage.named-stores", "false")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    PrefsStore prefs;

    @Test
    void theNameIsTheApplicationsAndTheStoreIsStillInjected() {
        assertThat(Arc.container().instance("prefs").get()).isInstanceOf(OtherPrefs.class);
        assertThat(Arc.container().instance("wizard").isAvailable()).isFalse();
        assertThat(prefs.descriptor().namespace()).isEqualTo("prefs");
    }

    /** The application's own bean named like a store. */
    @Named("prefs")
    @ApplicationScoped
    public static class OtherPrefs {}
}
