package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An index that names a generated store the class path lacks fails the build with the fix. */
class MissingStoreClassTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar
                    .addAsResource(new StringAsset("{\"formatVersion\":1,\"stores\":[{\"type\":\"com.gone.Prefs\","
                            + "\"store\":\"com.gone.PrefsStore\",\"area\":\"local\","
                            + "\"schema\":\"META-INF/browser-storage/stores/com.gone.Prefs.json\"}]}"),
                            "META-INF/browser-storage/index.json")
                    .addAsResource(new StringAsset("{\"formatVersion\":1,\"fields\":[]}"),
                            "META-INF/browser-storage/stores/com.gone.Prefs.json"))
            .assertException(e -> assertThat(e).hasStackTraceContaining(
                    "a store index lists com.gone.PrefsStore, which is not on the class path"));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
