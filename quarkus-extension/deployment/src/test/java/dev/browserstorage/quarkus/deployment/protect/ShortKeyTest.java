package dev.browserstorage.quarkus.deployment.protect;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A protection key shorter than 32 bytes stops the start, naming its id and length, never its text. */
class ShortKeyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.browser-storage.keys.old", "c2hvcnQtc2VjcmV0LWtleQ==")
            .assertException(e -> StartFailures.namesNoSecret(
                    e,
                    "quarkus.browser-storage.keys.\"old\" is 16 bytes long once decoded from base64: a key must be at least 32",
                    "c2hvcnQtc2VjcmV0LWtleQ"));

    @Test
    void theApplicationDoesNotStart() {
        throw new AssertionError("the application must not start");
    }
}
