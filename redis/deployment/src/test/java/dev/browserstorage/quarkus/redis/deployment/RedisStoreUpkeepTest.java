package dev.browserstorage.quarkus.redis.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.Hellos;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.runtime.StoreServices;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the Redis module: the key of protected values is the one the app's nodes share through
 * Redis, and the stores' upkeep of a browser's hello (here a migration) reaches the browser through
 * the outbox, as every node's writes do, and then the state every node's copy reads.
 */
class RedisStoreUpkeepTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(
                    jar -> jar.addClasses(Profile.class, ProfileStore.class, ProfileMigrations.class, SharedRedis.class)
                            .addAsResource("META-INF/browser-storage/stores/" + Profile.class.getName() + ".json"))
            .overrideConfigKey("quarkus.redis.hosts", SharedRedis.uri())
            .overrideConfigKey("quarkus.browser-storage.app-id", "test")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Browsers browsers;

    @Inject
    Vertx vertx;

    @Inject
    Redis redis;

    @Inject
    StoreServices services;

    @Test
    void theProtectionKeyIsTheOneSharedThroughRedis() throws Exception {
        String shared = redis.send(Request.cmd(Command.GET).arg("browser-storage:test:secret:protection-key"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .toString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(shared), "HmacSHA256"));
        String id = "g"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal("browser-storage key id".getBytes(StandardCharsets.US_ASCII)))
                        .substring(0, 7);
        assertThat(services.keys().sealingId()).isEqualTo(id);
    }

    @Test
    void aHelloWithVersion1ValuesGetsTheMigrationThroughTheOutboxAndEveryCopySeesIt() throws Exception {
        String credential = Credentials.issue(base);
        try (SyncClient browser = SyncClient.connect(vertx, base, credential, null)) {
            Hellos.hello(browser, new JsonObject().put("test:profile.colour", "\"red\""));
            Map<String, String> expected = new HashMap<>();
            expected.put("test:profile.colour", null);
            expected.put("test:profile.color", "\"red\"");
            expected.put("test:profile", "2");
            assertThat(Hellos.ackedBatch(browser)).isEqualTo(expected);

            // The app's copy (what its code reads on any node) reads the state the browser's answer settled.
            Browser copy = browsers.get(Credentials.id(credential));
            Eventually.waitUntil(
                    () -> copy.isHydrated() && new ProfileStore(copy).getColor().equals("red"),
                    () -> copy.isHydrated() ? copy.entries(StorageArea.LOCAL).toString() : "-");
            assertThat(copy.entries(StorageArea.LOCAL))
                    .containsEntry("test:profile", "2")
                    .doesNotContainKey("test:profile.colour");
        }
    }
}
