package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.RejectedValue;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Hellos;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A protected value the browser's hello carries is opened with the configured key; one that was
 * edited reads as the default, and the app's {@code @ObservesAsync RejectedValue} observer hears it
 * once per stored text, however often it is read.
 */
class RejectedValueEventTest extends SocketTest {
    static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) (i * 13 + 5);
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test",
                    Secrets.class,
                    SecretsStore.class,
                    jar -> jar.addClasses(
                            Credentials.class, SyncClient.class, Rejections.class, Hellos.class, SocketTest.class))
            .overrideConfigKey(
                    "quarkus.browser-storage.keys.k1", Base64.getEncoder().encodeToString(SECRET));

    @Test
    void anEditedValueReadsAsTheDefaultAndFiresOneEventPerStoredText() throws Exception {
        Rejections.HEARD.clear();
        KeyRing keys = KeyRing.of(Map.of("k1", SECRET), "k1");
        String role = keys.seal(Protection.SIGNED, "local\nsecrets.role", 0, "\"admin\"");
        String token = keys.seal(Protection.ENCRYPTED, "local\nsecrets.token", 0, "\"t0k\"");
        String editedToken = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String credential = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, credential, null)) {
            Hellos.hello(
                    browser,
                    new JsonObject()
                            .put("test:secrets.role", role)
                            .put("test:secrets.token", editedToken)
                            .put("test:secrets.note", "\"kept\""));
            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            SecretsStore store = new SecretsStore(session);

            assertThat(store.getRole()).as("sealed with the configured key").isEqualTo("admin");
            for (int read = 0; read < 3; read++) {
                assertThat(store.getToken()).isEqualTo("none");
            }
            assertThat(store.getNote()).isEqualTo("kept");
            RejectedValue heard = Rejections.HEARD.poll(10, TimeUnit.SECONDS);
            assertThat(heard).as("the event of the edited token").isNotNull();
            assertThat(heard.storeType()).isEqualTo(Secrets.class.getName());
            assertThat(heard.field()).isEqualTo("token");
            assertThat(heard.area()).isEqualTo(StorageArea.LOCAL);
            assertThat(heard.key()).endsWith("secrets.token");
            assertThat(heard.reason()).isEqualTo(RejectedValue.Reason.TAMPERED);

            // Another stored text is another event: a value the page wrote as it is.
            browser.send(new JsonObject()
                    .put("t", "change")
                    .put("area", "local")
                    .put("key", "test:secrets.role")
                    .put("value", "\"admin\""));
            RejectedValue next = null;
            for (int tries = 0; tries < 100 && next == null; tries++) {
                assertThat(store.getRole()).isIn("admin", "guest");
                next = Rejections.HEARD.poll(100, TimeUnit.MILLISECONDS);
            }
            assertThat(next).as("the event of the unsealed role").isNotNull();
            assertThat(next.field()).isEqualTo("role");
            assertThat(next.reason()).isEqualTo(RejectedValue.Reason.NOT_SEALED);
            assertThat(store.getRole()).isEqualTo("guest");
            assertThat(Rejections.HEARD)
                    .as("no second event for the edited token")
                    .isEmpty();
        }
    }
}
