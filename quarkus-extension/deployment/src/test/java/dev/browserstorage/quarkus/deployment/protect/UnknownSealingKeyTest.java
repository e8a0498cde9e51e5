package dev.browserstorage.quarkus.deployment.protect;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A sealing key that names none of the configured keys stops the start, naming the ids. */
class UnknownSealingKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.k1", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
            .overrideConfigKey("quarkus.browser-storage.sealing-key", "k2")
            .assertException(e -> StartFailures.namesNoSecret(
                    e,
                    "quarkus.browser-storage.sealing-key is 'k2', which is not the id of a key in quarkus.browser-storage.keys (k1)",
                    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"));

    @Test
    void theApplicationDoesNotStart() {
        throw new AssertionError("the application must not start");
    }
}
