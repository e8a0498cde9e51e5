package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A localStorage and a sessionStorage store with one namespace have distinct keys, but would both
 * be {@code BrowserStorage.stores.same} in the page: the application's build fails and names both.
 */
class TypedStoreNameClashTest {

    private static String schema(String type, String area) {
        return "{\"formatVersion\":1,\"type\":\"" + type + "\",\"store\":\"" + type + "Store\",\"area\":\"" + area + "\","
                + "\"namespace\":\"same\",\"fields\":[{\"name\":\"value\",\"key\":\"same.value\"}]}";
    }

    private static String entry(String type, String area) {
        return "{\"type\":\"" + type + "\",\"store\":\"" + type + "Store\",\"area\":\"" + area + "\","
                + "\"schema\":\"META-INF/browser-storage/stores/" + type + ".json\"}";
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("{\"formatVersion\":1,\"stores\":[" + entry("com.a.Settings", "local") + ","
                            + entry("com.b.Options", "session") + "]}"), "META-INF/browser-storage/index.json")
                    .addAsResource(new StringAsset(schema("com.a.Settings", "local")),
                            "META-INF/browser-storage/stores/com.a.Settings.json")
                    .addAsResource(new StringAsset(schema("com.b.Options", "session")),
                            "META-INF/browser-storage/stores/com.b.Options.json")
                    .addAsResource(new StringAsset("// com.a.Settings\n"), "META-INF/browser-storage/js/com.a.Settings.js")
                    .addAsResource(new StringAsset("// com.b.Options\n"), "META-INF/browser-storage/js/com.b.Options.js"))
            .assertException(e -> assertThat(e).hasStackTraceContaining(
                    "stores com.a.Settings and com.b.Options both use namespace 'same': the typed JavaScript stores are"
                            + " named by namespace (BrowserStorage.stores.same)"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
