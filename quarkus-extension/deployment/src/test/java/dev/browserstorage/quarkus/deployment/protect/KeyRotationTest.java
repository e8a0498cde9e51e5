package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Hellos;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotation: with the old key still configured and a new one sealing, a value the old key sealed
 * opens, and comes back sealed with the new key in a batch when its browser connects.
 */
class KeyRotationTest extends SocketTest {
    static final byte[] OLD = secret(1);
    static final byte[] NEW = secret(2);

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test",
                    Secrets.class,
                    SecretsStore.class,
                    jar -> jar.addClasses(Credentials.class, SyncClient.class, Hellos.class, SocketTest.class))
            .overrideConfigKey(
                    "quarkus.browser-storage.keys.k1", Base64.getEncoder().encodeToString(OLD))
            .overrideConfigKey(
                    "quarkus.browser-storage.keys.k2", Base64.getEncoder().encodeToString(NEW))
            .overrideConfigKey("quarkus.browser-storage.sealing-key", "k2");

    @Test
    void aValueTheOldKeySealedOpensAndIsSealedAgainWithTheNewOne() throws Exception {
        KeyRing old = KeyRing.of(Map.of("k1", OLD), "k1");
        String credential = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, credential, null)) {
            Hellos.hello(
                    browser,
                    new JsonObject()
                            .put(
                                    "test:secrets.role",
                                    old.seal(Protection.SIGNED, "local\nsecrets.role", 0, "\"admin\""))
                            .put(
                                    "test:secrets.token",
                                    old.seal(Protection.ENCRYPTED, "local\nsecrets.token", 0, "\"t0k\"")));
            Map<String, String> resealed = Hellos.ackedBatch(browser);
            assertThat(resealed).containsOnlyKeys("test:secrets.role", "test:secrets.token");
            assertThat(resealed.get("test:secrets.role")).startsWith("s.k2.");
            assertThat(resealed.get("test:secrets.token")).startsWith("e.k2.");
            KeyRing fresh = KeyRing.of(Map.of("k2", NEW), "k2");
            assertThat(fresh.open("local\nsecrets.role", resealed.get("test:secrets.role"), System.currentTimeMillis())
                            .text())
                    .isEqualTo("\"admin\"");
            assertThat(fresh.open(
                                    "local\nsecrets.token",
                                    resealed.get("test:secrets.token"),
                                    System.currentTimeMillis())
                            .text())
                    .isEqualTo("\"t0k\"");

            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            SecretsStore store = new SecretsStore(session);
            assertThat(store.getRole()).isEqualTo("admin");
            assertThat(store.getToken()).isEqualTo("t0k");
        }
    }

    private static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 41 + i * 3);
        }
        return secret;
    }
}
