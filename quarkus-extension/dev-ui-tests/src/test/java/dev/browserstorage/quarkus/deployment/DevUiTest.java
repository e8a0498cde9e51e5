package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestStores;
import dev.browserstorage.quarkus.deployment.testing.TypedSettings;
import dev.browserstorage.quarkus.deployment.testing.UiCookies;
import dev.browserstorage.quarkus.deployment.testing.Wizard;
import io.quarkus.devui.tests.DevUIBuildTimeDataTest;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Dev UI card in dev mode, where alone Quarkus runs the Dev UI: its build-time data (the stores,
 * {@code stores.d.ts}), its web components, and its JSON-RPC methods against a browser driven over
 * the real sync socket. Public, as QuarkusDevModeTest requires.
 */
public class DevUiTest extends DevUIJsonRPCTest {
    private static final String NAMESPACE = "quarkus-browser-storage";
    /** Not 8080, QuarkusDevModeTest's default, which other builds on the machine may hold. */
    private static final int PORT = freePort();

    private static final URI BASE = URI.create("http://localhost:" + PORT + "/");

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> TestStores.addTo(jar)
                    .addAsResource(
                            new StringAsset("quarkus.http.port=" + PORT + "\nquarkus.browser-storage.app-id=test\n"),
                            "application.properties"));

    private static Vertx vertx;

    public DevUiTest() {
        super(NAMESPACE, "http://localhost:" + PORT);
    }

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theCardListsTheStoresAndTheirTypingsAndItsPagesAreServed() throws Exception {
        JsonNode extensions = buildTimeData("devui", "extensions");
        JsonNode card = StreamSupport.stream(extensions.path("active").spliterator(), false)
                .filter(extension -> extension.path("namespace").asText().equals(NAMESPACE))
                .findFirst()
                .orElseThrow();
        assertThat(card.path("name").asText()).isEqualTo("Browser Storage");
        assertThat(card.path("cardPages").findValuesAsText("componentLink"))
                .containsExactly(
                        "qwc-browser-storage-stores.js",
                        "qwc-browser-storage-browsers.js",
                        "qwc-browser-storage-typings.js");

        JsonNode stores = buildTimeData(NAMESPACE, "stores");
        assertThat(stores.findValuesAsText("type"))
                .contains(Prefs.class.getName(), Wizard.class.getName(), UiCookies.class.getName());
        JsonNode prefs = store(stores, Prefs.class.getName());
        assertThat(prefs.path("area").asText()).isEqualTo("local");
        assertThat(prefs.path("namespace").asText()).isEqualTo("prefs");
        assertThat(prefs.path("store").asText()).isEqualTo(PrefsStore.class.getName());
        assertThat(prefs.path("limits").path("maxValueBytes").asLong()).isPositive();
        JsonNode theme = prefs.path("fields").get(0);
        assertThat(theme.path("name").asText()).isEqualTo("theme");
        assertThat(theme.path("key").asText()).isEqualTo("prefs.theme");
        assertThat(theme.path("javaType").asText()).isEqualTo("java.lang.String");
        assertThat(theme.path("default").asText()).as("defaults as JSON text").isEqualTo("\"light\"");
        JsonNode lang = store(stores, UiCookies.class.getName()).path("fields").get(0);
        assertThat(lang.path("key").asText()).isEqualTo("ui_lang");
        assertThat(lang.path("cookie").path("path").asText()).isEqualTo("/");
        assertThat(lang.path("cookie").has("sameSite")).isTrue();
        assertThat(store(stores, TypedSettings.class.getName()).path("fields").findValuesAsText("ttlSeconds"))
                .containsExactly("3600");

        String typings = buildTimeData(NAMESPACE, "typings").asText();
        assertThat(typings).as("what <path>/stores.d.ts serves").isEqualTo(get("/_storage/stores.d.ts"));
        assertThat(typings).contains("export interface Stores", "TypedStore<TypedSettings>");

        for (String page : new String[] {
            "qwc-browser-storage-stores.js", "qwc-browser-storage-browsers.js", "qwc-browser-storage-typings.js"
        }) {
            String script = get("/q/dev-ui/" + NAMESPACE + "/" + page);
            assertThat(script).contains("customElements.define('" + page.replace(".js", "") + "'");
        }
    }

    @Test
    void aConnectedBrowserShowsUpDecodedAndAnEditReachesItAndCompletesOnItsAck() throws Exception {
        String credential = Credentials.issue(BASE);
        try (SyncClient browser = SyncClient.connect(vertx, BASE, credential, null);
                DevUiRpc rpc = DevUiRpc.connect(vertx, BASE, NAMESPACE)) {
            browser.send(hello(
                    new JsonObject().put("test:prefs.theme", "\"dark\"").put("test:notes.draft", "\"x\""),
                    new JsonObject().put("test:wizard.step", "\"two\""),
                    "ui_lang=fr"));
            JsonObject welcome = browser.next();
            assertThat(welcome.getString("t")).isEqualTo("welcome");
            String tab = welcome.getString("tab");

            JsonNode browsers = executeJsonRPCMethod("getBrowsers");
            assertThat(browsers.toString())
                    .as("the credential and the public id never leave the server")
                    .doesNotContain(credential)
                    .doesNotContain(Credentials.id(credential));
            JsonNode shown = connected(browsers);
            String label = shown.path("label").asText();
            assertThat(label).startsWith("b-");
            assertThat(shown.path("hydrated").asBoolean()).isTrue();
            assertThat(shown.path("page").asText()).isEqualTo("http://localhost/");
            assertThat(shown.path("tabs").findValuesAsText("id")).containsExactly(tab);
            JsonNode theme = field(shown, Prefs.class.getName(), "theme");
            assertThat(theme.path("set").asBoolean()).isTrue();
            assertThat(theme.path("stored").asText()).isEqualTo("\"dark\"");
            assertThat(theme.path("json").asText()).isEqualTo("\"dark\"");
            JsonNode fontSize = field(shown, Prefs.class.getName(), "fontSize");
            assertThat(fontSize.path("set").asBoolean()).isFalse();
            assertThat(fontSize.path("json").asText()).as("the default").isEqualTo("14");
            assertThat(fontSize.path("type").asText()).isEqualTo("Integer");
            assertThat(field(shown, UiCookies.class.getName(), "lang")
                            .path("json")
                            .asText())
                    .isEqualTo("\"fr\"");
            JsonNode wizard = storeValues(shown, Wizard.class.getName());
            assertThat(wizard.path("tab").asText()).isEqualTo(tab);
            assertThat(wizard.path("fields").get(0).path("json").asText()).isEqualTo("\"two\"");
            assertThat(shown.path("otherKeys").toString())
                    .contains("\"key\":\"notes.draft\"", "\"stored\":\"\\\"x\\\"\"");

            CompletableFuture<JsonObject> edit = rpc.call(
                    "setValue",
                    Map.of("browser", label, "store", Prefs.class.getName(), "field", "fontSize", "value", "18"));
            JsonObject batch = firstBatch(browser.next());
            assertThat(batch.getJsonArray("writes").getJsonObject(0).getMap())
                    .containsEntry("area", "local")
                    .containsEntry("key", "test:prefs.fontSize")
                    .containsEntry("value", "18");
            Thread.sleep(500);
            assertThat(edit).as("answered only when the browser acknowledges").isNotDone();
            browser.send(new JsonObject().put("t", "ack").put("id", batch.getLong("id")));
            JsonNode after = toJsonNode(edit.get(10, TimeUnit.SECONDS)
                    .getJsonObject("result")
                    .getJsonObject("object")
                    .encode());
            assertThat(after.path("pendingBatches")).isEmpty();
            JsonNode edited = field(after, Prefs.class.getName(), "fontSize");
            assertThat(edited.path("set").asBoolean()).isTrue();
            assertThat(edited.path("stored").asText()).isEqualTo("18");
            assertThat(edited.path("json").asText()).isEqualTo("18");

            CompletableFuture<JsonObject> tabEdit = rpc.call(
                    "setValue",
                    Map.of(
                            "browser",
                            label,
                            "tab",
                            tab,
                            "store",
                            Wizard.class.getName(),
                            "field",
                            "step",
                            "value",
                            "\"three\""));
            JsonObject tabBatch = firstBatch(browser.next());
            assertThat(tabBatch.getBoolean("tab"))
                    .as("a batch for the tab's sessionStorage")
                    .isTrue();
            assertThat(tabBatch.getJsonArray("writes").getJsonObject(0).getMap())
                    .containsEntry("area", "session")
                    .containsEntry("key", "test:wizard.step")
                    .containsEntry("value", "\"three\"");
            browser.send(new JsonObject()
                    .put("t", "ack")
                    .put("id", tabBatch.getLong("id"))
                    .put("tab", true));
            assertThat(tabEdit.get(10, TimeUnit.SECONDS).containsKey("result")).isTrue();

            CompletableFuture<JsonObject> removal =
                    rpc.call("removeValue", Map.of("browser", label, "store", Prefs.class.getName(), "field", "theme"));
            JsonObject removeBatch = firstBatch(browser.next());
            assertThat(removeBatch.getJsonArray("writes").getJsonObject(0).getString("key"))
                    .isEqualTo("test:prefs.theme");
            assertThat(removeBatch.getJsonArray("writes").getJsonObject(0).getValue("value"))
                    .isNull();
            browser.send(new JsonObject().put("t", "ack").put("id", removeBatch.getLong("id")));
            assertThat(removal.get(10, TimeUnit.SECONDS).containsKey("result")).isTrue();

            JsonNode now = connected(executeJsonRPCMethod("getBrowsers"));
            assertThat(field(now, Prefs.class.getName(), "theme").path("set").asBoolean())
                    .isFalse();
            assertThat(field(now, Prefs.class.getName(), "theme").path("json").asText())
                    .isEqualTo("\"light\"");
            assertThat(field(now, Prefs.class.getName(), "fontSize")
                            .path("json")
                            .asText())
                    .isEqualTo("18");
            assertThat(field(now, Wizard.class.getName(), "step").path("json").asText())
                    .isEqualTo("\"three\"");
        }
    }

    @Test
    void aRefusedOrUnansweredWriteIsAnErrorThatSaysWhy() throws Exception {
        String credential = Credentials.issue(BASE);
        String label;
        try (SyncClient browser = SyncClient.connect(vertx, BASE, credential, null);
                DevUiRpc rpc = DevUiRpc.connect(vertx, BASE, NAMESPACE)) {
            browser.send(hello(new JsonObject().put("test:prefs.theme", "\"dark\""), new JsonObject(), ""));
            assertThat(browser.next().getString("t")).isEqualTo("welcome");
            label = connected(executeJsonRPCMethod("getBrowsers")).path("label").asText();
            Map<String, Object> fontSize =
                    new HashMap<>(Map.of("browser", label, "store", Prefs.class.getName(), "field", "fontSize"));

            fontSize.put("value", "\"big\"");
            assertThat(rpc.error("setValue", fontSize))
                    .contains(
                            "The write of " + Prefs.class.getName() + ".fontSize",
                            "was refused",
                            "'\"big\"' is not a value of fontSize (Integer)",
                            "nothing was sent");
            assertThat(browser.frames.poll(500, TimeUnit.MILLISECONDS))
                    .as("nothing sent")
                    .isNull();

            Map<String, Object> theme =
                    Map.of("browser", label, "store", Prefs.class.getName(), "field", "theme", "value", "\"blue\"");
            CompletableFuture<JsonObject> refused = rpc.call("setValue", theme);
            JsonObject batch = firstBatch(browser.next());
            browser.send(new JsonObject()
                    .put("t", "fail")
                    .put("id", batch.getLong("id"))
                    .put("error", "quota")
                    .put("area", "local")
                    .put("key", "test:prefs.theme")
                    .put("message", "QuotaExceededError: the disk is full"));
            String error =
                    refused.get(10, TimeUnit.SECONDS).getJsonObject("error").getString("message");
            assertThat(error)
                    .contains(
                            "Browser " + label + " did not store " + Prefs.class.getName() + ".theme",
                            "the disk is full",
                            "taken back");
            assertThat(field(connected(executeJsonRPCMethod("getBrowsers")), Prefs.class.getName(), "theme")
                            .path("json")
                            .asText())
                    .isEqualTo("\"dark\"");

            assertThat(rpc.error(
                            "setValue",
                            Map.of(
                                    "browser",
                                    "b-nobody",
                                    "store",
                                    Prefs.class.getName(),
                                    "field",
                                    "theme",
                                    "value",
                                    "\"x\"")))
                    .contains("holds no browser b-nobody");
            assertThat(rpc.error(
                            "setValue",
                            Map.of(
                                    "browser",
                                    label,
                                    "store",
                                    Wizard.class.getName(),
                                    "field",
                                    "step",
                                    "value",
                                    "\"x\"")))
                    .contains("belongs to one tab");
        }

        try (DevUiRpc rpc = DevUiRpc.connect(vertx, BASE, NAMESPACE)) {
            assertThat(rpc.error(
                            "setValue",
                            Map.of(
                                    "browser",
                                    label,
                                    "store",
                                    Prefs.class.getName(),
                                    "field",
                                    "theme",
                                    "value",
                                    "\"green\"")))
                    .contains(
                            "Browser " + label + " has not acknowledged",
                            "within 10 s",
                            "it is not connected",
                            "stays pending");
        }
    }

    private static JsonObject hello(JsonObject local, JsonObject session, String cookies) {
        return new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", local)
                .put("session", session)
                .put("cookies", cookies)
                .put("applied", 0);
    }

    /** The first batch of a {@code batch} frame, or of a {@code batches} frame of writes made in the same moment. */
    private static JsonObject firstBatch(JsonObject frame) {
        return frame.getString("t").equals("batches")
                ? frame.getJsonArray("batches").getJsonObject(0)
                : frame;
    }

    /** The one connected browser: each test drives one, and a browser gone with an earlier test is disconnected. */
    private static JsonNode connected(JsonNode browsers) {
        return StreamSupport.stream(browsers.spliterator(), false)
                .filter(browser -> browser.path("connected").asBoolean())
                .reduce((one, two) -> {
                    throw new AssertionError("more than one connected browser: " + browsers);
                })
                .orElseThrow(() -> new AssertionError("no connected browser: " + browsers));
    }

    private static JsonNode storeValues(JsonNode browser, String type) {
        return store(browser.path("stores"), type);
    }

    private static JsonNode field(JsonNode browser, String type, String name) {
        return StreamSupport.stream(storeValues(browser, type).path("fields").spliterator(), false)
                .filter(field -> field.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode store(JsonNode stores, String type) {
        return StreamSupport.stream(stores.spliterator(), false)
                .filter(store -> store.path("type").asText().equals(type))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no store " + type + " in " + stores));
    }

    private static JsonNode buildTimeData(String namespace, String key) throws Exception {
        DevUIBuildTimeDataTest data = new DevUIBuildTimeDataTest(namespace) {
            {
                uri = BASE.resolve("/q/dev-ui/" + namespace + "-data.js");
            }
        };
        JsonNode value = data.getBuildTimeData(key);
        assertThat(value).as(key + " in the build-time data of " + namespace).isNotNull();
        return value;
    }

    private static String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(BASE.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
