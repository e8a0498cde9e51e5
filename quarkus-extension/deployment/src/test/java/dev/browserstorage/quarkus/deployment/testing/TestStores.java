package dev.browserstorage.quarkus.deployment.testing;

import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The stores compiled with these tests, for a test application, as an application that has them
 * holds them: their POJOs, their generated classes (which the extension finds in the application's
 * class index), their schemas and, where the processor wrote them, their typed JavaScript definitions.
 */
public final class TestStores {
    private TestStores() {}

    public static JavaArchive addTo(JavaArchive jar) {
        // TestStores too: the test class, reloaded inside the application, refers to it.
        jar.addClasses(
                TestStores.class, Credentials.class, LogCapture.class, TypedSettings.Mode.class, Tampered.Mode.class);
        addStore(jar, Prefs.class, PrefsStore.class);
        addStore(jar, TypedSettings.class, TypedSettingsStore.class);
        addStore(jar, Tampered.class, TamperedStore.class);
        addStore(jar, Wizard.class, WizardStore.class);
        return addStore(jar, UiCookies.class, UiCookiesStore.class);
    }

    /**
     * Adds one store: its POJO, its generated class and the resources the processor wrote for it
     * (without its schema, the build fails: MissingStoreSchemaTest).
     */
    public static JavaArchive addStore(JavaArchive jar, Class<?> pojo, Class<?> store) {
        jar.addClasses(pojo, store).addAsResource("META-INF/browser-storage/stores/" + pojo.getName() + ".json");
        for (String definition : new String[] {".js", ".d.ts"}) {
            String path = "META-INF/browser-storage/js/" + pojo.getName() + definition;
            if (TestStores.class.getClassLoader().getResource(path) != null) {
                jar.addAsResource(path);
            }
        }
        return jar;
    }
}
