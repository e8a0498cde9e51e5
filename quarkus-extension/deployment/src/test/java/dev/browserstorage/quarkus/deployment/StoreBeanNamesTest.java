package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The names templates find stores by ({@code {inject:<name>}}): which store gets which, and which gets none. */
class StoreBeanNamesTest {
    private static Optional<String> nameOf(String type, String area, String namespace, boolean named) {
        return StoreTemplatesProcessor.beanName(
                named, new StoreIndex.Store(type, type + "Store", area, List.of(), "schema.json", namespace));
    }

    @Test
    void storageStoresAreNamedByTheirNamespace() {
        assertThat(nameOf("com.acme.Preferences", "local", "prefs", true)).contains("prefs");
        assertThat(nameOf("com.acme.Draft", "session", "draft_2", true)).contains("draft_2");
    }

    @Test
    void cookieStoresAreNamedByTheirPojosSimpleNameWithALowerCaseFirstLetter() {
        assertThat(nameOf("com.acme.UiCookies", "cookie", "", true)).contains("uiCookies");
        assertThat(nameOf("com.acme.Outer$Consent", "cookie", "", true)).contains("consent");
    }

    @Test
    void aNamespaceThatIsNoIdentifierGivesNoName() {
        assertThat(nameOf("com.acme.Prefs", "local", "my-prefs", true)).isEmpty();
        assertThat(nameOf("com.acme.TwoFactor", "local", "2fa", true)).isEmpty();
    }

    @Test
    void namedStoresOffGivesNoNames() {
        assertThat(nameOf("com.acme.Preferences", "local", "prefs", false)).isEmpty();
        assertThat(nameOf("com.acme.UiCookies", "cookie", "", false)).isEmpty();
    }
}
