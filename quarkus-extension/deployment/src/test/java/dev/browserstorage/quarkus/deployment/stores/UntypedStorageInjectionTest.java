package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.untyped.BrowserLocalStorage;
import dev.browserstorage.untyped.BrowserSessionStorage;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The untyped APIs and generated stores are injectable, and say clearly when there is no browser. */
class UntypedStorageInjectionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores("test", jar -> {});

    @Inject
    BrowserLocalStorage localStorage;

    @Inject
    BrowserSessionStorage sessionStorage;

    @Inject
    PrefsStore prefs;

    @Test
    void outsideAnHttpRequestThereIsNoCurrentBrowserAndTheErrorSaysWhatToDo() {
        assertThat(localStorage).isNotNull();
        assertThat(sessionStorage).isNotNull();
        assertThatThrownBy(() -> localStorage.keys())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside an HTTP request")
                .hasMessageContaining("Browsers");
        assertThatThrownBy(prefs::getTheme)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside an HTTP request");
    }
}
