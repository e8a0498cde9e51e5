package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Hellos;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every browser the extension holds runs the stores' upkeep when its hello arrives: values of an
 * older version come back migrated in one batch, the version's mark with them.
 */
class StoreUpkeepTest extends SocketTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
            "test",
            Profile.class,
            ProfileStore.class,
            jar -> jar.addClasses(
                    Credentials.class, SyncClient.class, Hellos.class, SocketTest.class, ProfileMigrations.class));

    @Test
    void aHelloWithVersion1ValuesGetsTheMigrationBatch() throws Exception {
        String credential = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, credential, null)) {
            Hellos.hello(browser, new JsonObject().put("test:profile.colour", "\"red\""));
            Map<String, String> expected = new HashMap<>();
            expected.put("test:profile.colour", null);
            expected.put("test:profile.color", "\"red\"");
            expected.put("test:profile", "2");
            assertThat(Hellos.ackedBatch(browser)).isEqualTo(expected);

            Browser session = browsers.find(Credentials.id(credential)).orElseThrow();
            assertThat(new ProfileStore(session).getColor()).isEqualTo("red");
        }
    }
}
