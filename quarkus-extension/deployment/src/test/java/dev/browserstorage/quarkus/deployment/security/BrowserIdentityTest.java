package dev.browserstorage.quarkus.deployment.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.quarkus.BrowserIdentity;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.RequestRoutes;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.untyped.BrowserCookies;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser id is a credential: issued by the server only, never adopted from outside (a made-up
 * id, a forged tag, a planted second cookie), {@code __Host-} and Secure where the page is secure
 * (behind a TLS-terminating proxy too), and rotated on demand with the browser's state kept.
 */
class BrowserIdentityTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
                    "test",
                    jar -> jar.addClasses(Routes.class, RequestRoutes.class, SyncClient.class, Eventually.class))
            // A TLS-terminating proxy in front: its X-Forwarded-Proto says whether the page is secure.
            .overrideConfigKey("quarkus.http.proxy.proxy-address-forwarding", "true")
            .overrideConfigKey("quarkus.http.proxy.allow-x-forwarded", "true");

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    Browsers browsers;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFirstRequestGetsACredentialAndLaterRequestsKeepIt() throws Exception {
        HttpResponse<String> first = get("/whoami", null);
        String credential = credentialIn(first, "bs_id");
        assertThat(first.body()).isEqualTo(Credentials.id(credential));
        assertThat(first.headers().allValues("Set-Cookie"))
                .singleElement()
                .asString()
                .endsWith("; Path=/; HttpOnly; SameSite=Lax")
                .doesNotContain("Secure")
                .doesNotContainIgnoringCase("domain");

        HttpResponse<String> again = get("/whoami", "bs_id=" + credential);
        assertThat(again.headers().allValues("Set-Cookie"))
                .as("an issued id is kept")
                .isEmpty();
        assertThat(again.body()).isEqualTo(Credentials.id(credential));
    }

    @Test
    void anIdTheServerDidNotIssueIsReplacedOverHttp() throws Exception {
        String issued = Credentials.issue(base);
        String madeUp = "AAAAAAAAAAAAAAAAAAAAAA";
        String forged = Credentials.id(issued) + ".BBBBBBBBBBBBBBBBBBBBBB";
        for (String cookie : List.of(madeUp, forged, Credentials.id(issued))) {
            HttpResponse<String> response = get("/whoami", "bs_id=" + cookie);
            String fresh = credentialIn(response, "bs_id");
            assertThat(response.body())
                    .as(cookie)
                    .isEqualTo(Credentials.id(fresh))
                    .isNotEqualTo(Credentials.id(issued))
                    .isNotEqualTo(madeUp);
        }
    }

    @Test
    void aRequestCarryingTheIdCookieTwiceGetsAFreshId() throws Exception {
        String mine = Credentials.issue(base);
        String planted = Credentials.issue(base);
        HttpResponse<String> response = get("/whoami", "bs_id=" + planted + "; bs_id=" + mine);
        assertThat(response.body())
                .isEqualTo(Credentials.id(credentialIn(response, "bs_id")))
                .isNotEqualTo(Credentials.id(mine))
                .isNotEqualTo(Credentials.id(planted));
    }

    @Test
    void aForgedIdOnTheHandshakeGetsAFreshBrowserAndTheVictimIsUntouched() throws Exception {
        String victim = Credentials.issue(base);
        try (SyncClient page = SyncClient.connect(vertx, base, victim, null)) {
            page.send(hello("\"dark\""));
            assertThat(page.next().getString("t")).isEqualTo("welcome");
            Browser victimSession = browsers.find(Credentials.id(victim)).orElseThrow();

            String forged = Credentials.id(victim) + "." + "C".repeat(22);
            try (SyncClient attacker = SyncClient.connect(vertx, base, forged, null)) {
                assertThat(attacker.setCookie)
                        .as("the handshake issues a fresh id")
                        .startsWith("bs_id=")
                        .doesNotContain(Credentials.id(victim));
                attacker.send(hello("\"stolen\""));
                assertThat(attacker.next().getString("t")).isEqualTo("welcome");
                String attackerId = Credentials.id(attacker.setCookie.substring(6, attacker.setCookie.indexOf(';')));
                assertThat(browsers.find(attackerId)).isPresent().get().isNotSameAs(victimSession);
            }
            assertThat(victimSession.readText(StorageArea.LOCAL, "test:prefs.theme"))
                    .contains("\"dark\"");
        }
    }

    @Test
    void rotatingTheIdKeepsTheStateClosesTheOldSocketsAndRefusesTheOldId() throws Exception {
        String old = Credentials.issue(base);
        Browser session;
        String rotated;
        try (SyncClient page = SyncClient.connect(vertx, base, old, null)) {
            page.send(hello("\"dark\""));
            assertThat(page.next().getString("t")).isEqualTo("welcome");
            session = browsers.find(Credentials.id(old)).orElseThrow();
            var closed = page.closed();

            HttpResponse<String> login = send(HttpRequest.newBuilder(base.resolve("/login"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .header("Cookie", "bs_id=" + old));
            rotated = credentialIn(login, "bs_id");
            assertThat(login.body()).isEqualTo(Credentials.id(rotated)).isNotEqualTo(Credentials.id(old));
            assertThat(closed.get(10, TimeUnit.SECONDS))
                    .as("the old id's socket is closed to reconnect")
                    .isEqualTo((short) 4401);
        }
        assertThat(browsers.find(Credentials.id(rotated)))
                .as("the state moved to the new id")
                .containsSame(session);
        assertThat(browsers.find(Credentials.id(old))).isEmpty();

        HttpResponse<String> stale = get("/whoami", "bs_id=" + old);
        assertThat(stale.body())
                .as("the old id is refused: a fresh browser")
                .isEqualTo(Credentials.id(credentialIn(stale, "bs_id")))
                .isNotEqualTo(Credentials.id(rotated))
                .isNotEqualTo(Credentials.id(old));

        try (SyncClient back = SyncClient.connect(vertx, base, rotated, null)) {
            assertThat(back.setCookie).as("the new id is kept").isNull();
            back.send(hello("\"dark\""));
            assertThat(back.next().getString("t")).isEqualTo("welcome");
            Eventually.waitUntil(session::isConnected);
        }
    }

    @Test
    void behindATlsTerminatingProxyTheCookieIsHostPrefixedAndSecure() throws Exception {
        HttpResponse<String> secure =
                send(HttpRequest.newBuilder(base.resolve("/whoami")).header("X-Forwarded-Proto", "https"));
        String credential = credentialIn(secure, "__Host-bs_id");
        assertThat(secure.headers().firstValue("Set-Cookie"))
                .get()
                .asString()
                .isEqualTo("__Host-bs_id=" + credential + "; Path=/; HttpOnly; SameSite=Lax; Secure");

        HttpResponse<String> kept = send(HttpRequest.newBuilder(base.resolve("/whoami"))
                .header("X-Forwarded-Proto", "https")
                .header("Cookie", "__Host-bs_id=" + credential));
        assertThat(kept.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(kept.body()).isEqualTo(Credentials.id(credential));

        String plain = Credentials.issue(base);
        HttpResponse<String> planted = send(HttpRequest.newBuilder(base.resolve("/whoami"))
                .header("X-Forwarded-Proto", "https")
                .header("Cookie", "bs_id=" + plain));
        assertThat(planted.body())
                .as("a plain cookie, which any subdomain or http page could set, is not read on a secure page")
                .isNotEqualTo(Credentials.id(plain));
    }

    @Test
    void applicationCodeCannotWriteOrDeleteTheLibrarysOwnCookies() throws Exception {
        String credential = Credentials.issue(base);
        for (String name : List.of("bs_id", "__Host-bs_id", "__bs_tab")) {
            for (String action : List.of("set", "delete")) {
                HttpResponse<String> response = get("/plant?action=" + action + "&name=" + name, "bs_id=" + credential);
                assertThat(response.body())
                        .as("%s %s", action, name)
                        .startsWith("RESERVED_NAME")
                        .contains("'" + name + "'");
                assertThat(response.headers().allValues("Set-Cookie"))
                        .as("nothing written")
                        .isEmpty();
            }
        }
    }

    private static JsonObject hello(String theme) {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", new JsonObject().put("test:prefs.theme", theme))
                .put("cookies", "")
                .put("applied", 0);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String credentialIn(HttpResponse<String> response, String name) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .toList();
        assertThat(cookies)
                .as("one %s cookie in %s", name, response.headers().map())
                .hasSize(1);
        return cookies.get(0).substring(name.length() + 1, cookies.get(0).indexOf(';'));
    }

    /**
     * {@code /whoami} answers the browser's public id; {@code POST /login} rotates it; {@code /plant}
     * tries to write one of the library's own cookies through {@link BrowserCookies}.
     */
    @ApplicationScoped
    public static class Routes {
        @Inject
        BrowserIdentity identity;

        @Inject
        BrowserCookies cookies;

        void route(@Observes Router router) {
            router.get("/whoami").handler(context -> RequestRoutes.answer(context, ignored -> identity.id()));
            router.post("/login").handler(context -> RequestRoutes.answer(context, ignored -> identity.rotate()));
            router.get("/plant")
                    .handler(context -> RequestRoutes.answer(context, ignored -> {
                        String name = context.request().getParam("name");
                        try {
                            if (context.request().getParam("action").equals("set")) {
                                cookies.set(name, "planted");
                            } else {
                                cookies.delete(name);
                            }
                            return "written";
                        } catch (InvalidCookieException e) {
                            return e.rule() + " " + e.getMessage();
                        }
                    }));
        }
    }
}
