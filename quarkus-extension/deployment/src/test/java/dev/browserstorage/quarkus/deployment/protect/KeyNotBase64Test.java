package dev.browserstorage.quarkus.deployment.protect;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A protection key that is not base64 stops the start, naming its id and never its text. */
class KeyNotBase64Test {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.\"k1\"", "not base64 at all, but a passphrase!")
            .assertException(e ->
                    StartFailures.namesNoSecret(e, "quarkus.browser-storage.keys.\"k1\" is not base64", "passphrase"));

    @Test
    void theApplicationDoesNotStart() {
        throw new AssertionError("the application must not start");
    }
}
