package dev.browserstorage.quarkus.deployment.protect;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two protection keys and no sealing key stop the start: which one seals is the app's choice. */
class TwoKeysWithoutSealingKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
            .overrideConfigKey("quarkus.browser-storage.keys.k2", "HxwdHhsbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgE=")
            .assertException(e -> StartFailures.namesNoSecret(
                    e,
                    "quarkus.browser-storage.keys has 2 keys (k1, k2): set quarkus.browser-storage.sealing-key",
                    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"));

    @Test
    void theApplicationDoesNotStart() {
        throw new AssertionError("the application must not start");
    }
}
