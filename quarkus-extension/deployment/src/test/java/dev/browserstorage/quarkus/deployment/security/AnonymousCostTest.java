package dev.browserstorage.quarkus.deployment.security;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client without any credential can make the server hold is bounded: a socket must say hello
 * in time, a browser that never made an HTTP request goes when its socket does, the sessions and
 * the snapshot characters held are capped (the idle ones make room first), and one address holds a
 * bounded number of sockets.
 */
class AnonymousCostTest {
    private static final int MAX_BROWSERS = 6;
    private static final int MAX_HELD_CHARS = 400_000;
    private static final int MAX_PER_ADDRESS = 8;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test", jar -> jar.addClasses(SyncClient.class, Eventually.class))
            .overrideConfigKey("quarkus.browser-storage.hello-timeout", "1s")
            .overrideConfigKey("quarkus.browser-storage.max-browsers", String.valueOf(MAX_BROWSERS))
            .overrideConfigKey("quarkus.browser-storage.max-held-snapshot-chars", String.valueOf(MAX_HELD_CHARS))
            .overrideConfigKey("quarkus.browser-storage.max-connections-per-address", String.valueOf(MAX_PER_ADDRESS));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    Browsers browsers;

    private final List<SyncClient> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (SyncClient client : open) {
            client.close();
        }
        open.clear();
    }

    @Test
    void aSocketThatSaysNoHelloInTimeIsClosed() throws Exception {
        SyncClient silent = connect(Credentials.issue(base));
        CompletableFuture<Short> closed = silent.closed();
        JsonObject error = silent.next();
        assertThat(error.getString("code")).isEqualTo("protocol");
        assertThat(error.getString("message")).contains("no hello");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4400);
    }

    @Test
    void aBrowserThatNeverMadeAnHttpRequestGoesWithItsSocketAndAnIssuedOneStays() throws Exception {
        SyncClient anonymous = connect(null);
        String anonymousId =
                Credentials.id(anonymous.setCookie.substring("bs_id=".length(), anonymous.setCookie.indexOf(';')));
        welcome(anonymous, 100);
        String issued = Credentials.issue(base);
        welcome(connect(issued), 100);
        assertThat(browsers.find(anonymousId)).isPresent();

        closeAll();
        waitUntil(() -> browsers.find(anonymousId).isEmpty());
        assertThat(browsers.find(Credentials.id(issued)))
                .as("kept for the idle timeout")
                .isPresent();
    }

    @Test
    void overTheBoundOfBrowsersTheIdleOnesMakeRoomAndWhenAllAreConnectedANewOneIsTurnedAway() throws Exception {
        List<String> credentials = new ArrayList<>();
        for (int i = 0; i < MAX_BROWSERS; i++) {
            credentials.add(Credentials.issue(base));
            welcome(connect(credentials.get(i)), 100);
        }
        assertThat(browsers.size()).isEqualTo(MAX_BROWSERS);

        SyncClient turnedAway = connect(Credentials.issue(base));
        CompletableFuture<Short> closed = turnedAway.closed();
        assertThat(turnedAway.next().getString("code")).isEqualTo("busy");
        assertThat(closed.get(10, TimeUnit.SECONDS)).as("try again later").isEqualTo((short) 1013);

        open.remove(0).close();
        waitUntil(() ->
                !browsers.find(Credentials.id(credentials.get(0))).orElseThrow().isConnected());
        String newcomer = Credentials.issue(base);
        welcome(connect(newcomer), 100);
        assertThat(browsers.find(Credentials.id(credentials.get(0))))
                .as("the idle browser made room")
                .isEmpty();
        assertThat(browsers.find(Credentials.id(newcomer))).isPresent();
        assertThat(browsers.size()).isEqualTo(MAX_BROWSERS);
    }

    @Test
    void snapshotCharactersAreBoundedAndIdleBrowsersMakeRoomFirst() throws Exception {
        String first = Credentials.issue(base);
        SyncClient firstPage = connect(first);
        welcome(firstPage, 250_000);

        SyncClient second = connect(Credentials.issue(base));
        CompletableFuture<Short> closed = second.closed();
        second.send(hello(250_000));
        assertThat(second.next().getString("code")).isEqualTo("busy");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 1013);

        open.remove(firstPage);
        firstPage.close();
        waitUntil(() -> !browsers.find(Credentials.id(first)).orElseThrow().isConnected());
        welcome(connect(Credentials.issue(base)), 250_000);
        assertThat(browsers.find(Credentials.id(first)))
                .as("the idle browser's snapshot made room")
                .isEmpty();
    }

    @Test
    void oneAddressHoldsABoundedNumberOfSockets() throws Exception {
        String credential = Credentials.issue(base);
        for (int i = 0; i < MAX_PER_ADDRESS; i++) {
            welcome(connect(credential), 100);
        }
        SyncClient oneMore = connect(Credentials.issue(base));
        CompletableFuture<Short> closed = oneMore.closed();
        JsonObject error = oneMore.next();
        assertThat(error.getString("code")).isEqualTo("too-many-connections");
        assertThat(error.getString("message")).contains("address");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo((short) 4409);
    }

    private SyncClient connect(String credential) throws Exception {
        SyncClient client = SyncClient.connect(vertx, base, credential, null);
        open.add(client);
        return client;
    }

    private static void welcome(SyncClient client, int chars) throws Exception {
        client.send(hello(chars));
        assertThat(client.next().getString("t")).isEqualTo("welcome");
    }

    /** A hello about {@code chars} characters long. */
    private static JsonObject hello(int chars) {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", new JsonObject().put("test:prefs.theme", "\"" + "x".repeat(chars) + "\""))
                .put("cookies", "")
                .put("applied", 0);
    }
}
