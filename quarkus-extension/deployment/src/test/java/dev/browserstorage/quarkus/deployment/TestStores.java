package dev.browserstorage.quarkus.deployment;

import java.util.List;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The stores compiled with these tests, for a test application: their classes, the index that lists
 * them all, their schemas and their typed JavaScript definitions. An application given the index
 * needs every store it lists.
 */
final class TestStores {
    private TestStores() {}

    static JavaArchive addTo(JavaArchive jar) {
        // TestStores too: the test class, reloaded inside the application, refers to it.
        jar.addClasses(TestStores.class, Credentials.class, LogCapture.class, Prefs.class, PrefsStore.class, TypedSettings.class, TypedSettings.Mode.class,
                        TypedSettingsStore.class, Tampered.class, Tampered.Mode.class, TamperedStore.class, Wizard.class,
                        WizardStore.class, UiCookies.class, UiCookiesStore.class)
                .addAsResource("META-INF/browser-storage/index.json")
                .addAsResource("META-INF/browser-storage/stores/" + UiCookies.class.getName() + ".json");
        for (String type : List.of(Prefs.class.getName(), TypedSettings.class.getName(), Tampered.class.getName(),
                Wizard.class.getName())) {
            jar.addAsResource("META-INF/browser-storage/stores/" + type + ".json")
                    .addAsResource("META-INF/browser-storage/js/" + type + ".js")
                    .addAsResource("META-INF/browser-storage/js/" + type + ".d.ts");
        }
        return jar;
    }
}
