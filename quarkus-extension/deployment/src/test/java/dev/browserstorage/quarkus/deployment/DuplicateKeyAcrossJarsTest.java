package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two stores compiled separately (so the processor could not see both) that claim the same key:
 * the application's build fails and names both. The second index stands for another jar's.
 */
class DuplicateKeyAcrossJarsTest {

    private static String schema(String type, String key) {
        return "{\"formatVersion\":1,\"type\":\"" + type + "\",\"store\":\"" + type + "Store\",\"area\":\"local\","
                + "\"namespace\":\"dup\",\"fields\":[{\"name\":\"value\",\"key\":\"" + key + "\"}]}";
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("{\"formatVersion\":1,\"stores\":["
                            + "{\"type\":\"com.a.Settings\",\"store\":\"com.a.SettingsStore\",\"area\":\"local\","
                            + "\"schema\":\"META-INF/browser-storage/stores/com.a.Settings.json\"},"
                            + "{\"type\":\"com.b.Settings\",\"store\":\"com.b.SettingsStore\",\"area\":\"local\","
                            + "\"schema\":\"META-INF/browser-storage/stores/com.b.Settings.json\"}]}"),
                            "META-INF/browser-storage/index.json")
                    .addAsResource(new StringAsset(schema("com.a.Settings", "dup.value")),
                            "META-INF/browser-storage/stores/com.a.Settings.json")
                    .addAsResource(new StringAsset(schema("com.b.Settings", "dup.value")),
                            "META-INF/browser-storage/stores/com.b.Settings.json"))
            .assertException(e -> assertThat(e).hasStackTraceContaining(
                    "stores com.a.Settings and com.b.Settings both use local key 'dup.value'"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
