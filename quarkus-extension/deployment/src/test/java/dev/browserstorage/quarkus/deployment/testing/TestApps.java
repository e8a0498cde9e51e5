package dev.browserstorage.quarkus.deployment.testing;

import io.quarkus.test.QuarkusUnitTest;
import java.util.function.Consumer;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The test application most of the extension's tests start, set up in one place: the extension,
 * stores compiled with these tests, the app id its pages and sockets name, and a free port (other
 * builds on the machine may hold the default test port). A test adds its own classes and resources
 * through {@code app}, and its own configuration to what is returned.
 */
public final class TestApps {
    private TestApps() {}

    /** An application with every test store ({@link TestStores#addTo}) and what {@code app} adds. */
    public static QuarkusUnitTest withAllStores(String appId, Consumer<JavaArchive> app) {
        return create(appId, jar -> app.accept(TestStores.addTo(jar)));
    }

    /** An application with one test store, its POJO {@code pojo}, and what {@code app} adds. */
    public static QuarkusUnitTest withStore(String appId, Class<?> pojo, Class<?> store, Consumer<JavaArchive> app) {
        return create(appId, jar -> app.accept(TestStores.addStore(jar, pojo, store)));
    }

    private static QuarkusUnitTest create(String appId, Consumer<JavaArchive> root) {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> {
                    // The test class, reloaded inside the application, calls these to build its APP.
                    jar.addClasses(TestApps.class, TestStores.class);
                    root.accept(jar);
                })
                .overrideConfigKey("quarkus.browser-storage.app-id", appId)
                .overrideConfigKey("quarkus.http.test-port", "0");
    }
}
