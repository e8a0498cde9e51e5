package dev.browserstorage.quarkus.devmode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.processor.validation.Message;
import io.quarkus.test.QuarkusDevModeTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.LogRecord;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Dev mode that survives every edit (issue #14). A {@code quarkus:dev} application with a
 * localStorage store and a cookie store, and a page that answers through them, is edited the way a
 * developer edits it; after each edit its next request reloads it, and every store is injectable
 * and answers.
 *
 * <p>Dev mode recompiles only the sources that changed, and javac runs the processor on them: it
 * finds it on the compile class path (the test's, where the processor is a provided dependency),
 * as javac 17 to 22 do when given no processor path, which QuarkusDevModeTest never gives (javac 23
 * and later run no processor found that way, and QuarkusDevModeTest has no compiler options to say
 * {@code -proc:full}; {@code quarkus:dev} itself passes the compiler plugin's
 * {@code annotationProcessorPaths}). So each reload sees what an incremental build leaves: the
 * edited POJOs' new output beside the others' output of the first build. The page itself proves
 * the processor ran: each edit uses a getter that exists only in the regenerated store.
 */
class DevModeEditsTest {
    private static final String PACKAGE = DevPrefs.class.getPackageName();
    /** A free port: the default, 8080, may be another build's on this machine. */
    private static final int PORT = freePort();

    private static final Duration RELOAD = Duration.ofMinutes(2);
    /** Where the extension logs what it leaves out. */
    private static final String EXTENSION_LOGGER = "dev.browserstorage.quarkus.deployment.BrowserStorageProcessor";

    /** A page with the glue, counting the welcomes its socket gets. */
    private static final String PAGE = """
            <!DOCTYPE html><html><head>
            <script>window.readies = 0; document.addEventListener('browser-storage:ready', () => window.readies++);</script>
            <script src="/_storage/storage.js" data-app="dev"></script>
            </head><body></body></html>""";

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    // What the first build (Maven's, with the processor) left: POJOs, stores and their resources.
                    .addClasses(
                            DevPrefs.class,
                            DevPrefsStore.class,
                            DevCookies.class,
                            DevCookiesStore.class,
                            DevRoutes.class)
                    .addAsResource("META-INF/browser-storage/stores/" + DevPrefs.class.getName() + ".json")
                    .addAsResource("META-INF/browser-storage/js/" + DevPrefs.class.getName() + ".js")
                    .addAsResource("META-INF/browser-storage/js/" + DevPrefs.class.getName() + ".d.ts")
                    .addAsResource("META-INF/browser-storage/stores/" + DevCookies.class.getName() + ".json")
                    .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html")
                    .addAsResource(
                            new StringAsset("quarkus.http.port=" + PORT + "\nquarkus.browser-storage.app-id=dev\n"),
                            "application.properties"))
            .setLogRecordPredicate(record -> record.getLoggerName().equals(EXTENSION_LOGGER));

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private WebClient browser;
    private HtmlPage page;
    private String credential;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyEditReloadsTheApplicationWithEveryStore() throws Exception {
        assertPage("theme=light lang=fr");
        openPageWithTheGlue();
        assertStores(Map.of("DevCookies", List.of("dev_lang"), "DevPrefs", List.of("devprefs.theme")));

        // A field added to a store and used by the page: this edit used to leave the index of stores
        // with the edited store alone, and the cookie store unsatisfied.
        APP.modifySourceFile(
                DevPrefs.class,
                source -> source.replace(
                        "    public String theme = \"light\";",
                        "    public String theme = \"light\";\n    public int fontSize = 14;"));
        APP.modifySourceFile(
                DevRoutes.class,
                source -> source.replace(
                        "\"theme=\" + prefs.theme().orDefault()",
                        "\"theme=\" + prefs.theme().orDefault() + \" fontSize=\" + prefs.fontSize().orDefault()"));
        assertPage("theme=light fontSize=14 lang=fr");
        assertStores(
                Map.of("DevCookies", List.of("dev_lang"), "DevPrefs", List.of("devprefs.theme", "devprefs.fontSize")));

        // A field renamed.
        APP.modifySourceFile(DevPrefs.class, source -> source.replace("public String theme", "public String colour"));
        APP.modifySourceFile(
                DevRoutes.class,
                source -> source.replace(
                        "\"theme=\" + prefs.theme().orDefault()", "\"colour=\" + prefs.colour().orDefault()"));
        assertPage("colour=light fontSize=14 lang=fr");
        assertStores(
                Map.of("DevCookies", List.of("dev_lang"), "DevPrefs", List.of("devprefs.colour", "devprefs.fontSize")));

        // A new store, used by the page.
        APP.addSourceFile(DevDraft.class);
        APP.modifySourceFile(
                DevRoutes.class,
                source -> source.replace(
                                "    DevCookiesStore cookies;",
                                "    DevCookiesStore cookies;\n\n    @Inject\n    DevDraftStore draft;")
                        .replace(
                                "\" lang=\" + cookies.lang().orDefault()",
                                "\" lang=\" + cookies.lang().orDefault() + \" draft=\" + draft.text().orDefault()"));
        assertPage("colour=light fontSize=14 lang=fr draft=empty");
        assertStores(Map.of(
                "DevCookies",
                List.of("dev_lang"),
                "DevDraft",
                List.of("devdraft.text"),
                "DevPrefs",
                List.of("devprefs.colour", "devprefs.fontSize")));

        // That store deleted, and its use: dev mode deletes DevDraft.class, not the DevDraftStore the
        // processor generated from it, which the extension must leave out.
        APP.clearLogRecords();
        deleteSourceFile(DevDraft.class);
        APP.modifySourceFile(
                DevRoutes.class,
                source -> source.replace("\n\n    @Inject\n    DevDraftStore draft;", "")
                        .replace(" + \" draft=\" + draft.text().orDefault()", ""));
        assertPage("colour=light fontSize=14 lang=fr");
        assertStores(
                Map.of("DevCookies", List.of("dev_lang"), "DevPrefs", List.of("devprefs.colour", "devprefs.fontSize")));
        assertThat(APP.getLogRecords())
                .extracting(LogRecord::getMessage)
                .contains("browser-storage: ignoring " + PACKAGE + ".DevDraftStore, left over from an earlier build: "
                        + PACKAGE + ".DevDraft is gone. A clean build removes it.");

        // A cookie attribute browsers cannot use: the processor's error is the page, until it is fixed.
        APP.modifySourceFile(
                DevCookies.class,
                source ->
                        source.replace("@Cookie(prefix = \"dev_\")", "@Cookie(prefix = \"dev_\", maxAge = \"soon\")"));
        HttpResponse<String> broken = get("/dev/stores");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(unescapeHtml(broken.body())).contains(Message.COOKIE_MAX_AGE_INVALID.format("soon"));
        APP.modifySourceFile(
                DevCookies.class,
                source -> source.replace(
                        "@Cookie(prefix = \"dev_\", maxAge = \"soon\")",
                        "@Cookie(prefix = \"dev_\", maxAge = \"P30D\")"));
        assertPage("colour=light fontSize=14 lang=fr");
        assertStores(
                Map.of("DevCookies", List.of("dev_lang"), "DevPrefs", List.of("devprefs.colour", "devprefs.fontSize")));
    }

    /**
     * The page, which answers through every store, after whatever reload the request sets off; and
     * the open page's glue, reconnected to the reloaded application on its own and hydrating it.
     */
    private void assertPage(String expected) throws Exception {
        long readies = page == null ? 0 : readies();
        HttpResponse<String> answer = get("/dev/stores");
        assertThat(answer.statusCode())
                .as("the page after the reload: %s", answer.body())
                .isEqualTo(200);
        assertThat(answer.body()).isEqualTo(expected);
        if (page != null) {
            await(
                    "the glue reconnects to the reloaded application and hydrates it",
                    () -> readies() > readies && "true".equals(known()));
            assertThat(browser.getCookieManager().getCookie("bs_id").getValue())
                    .as("dev mode keeps its keys across reloads: the browser keeps its id")
                    .isEqualTo(credential);
        }
    }

    private void openPageWithTheGlue() throws Exception {
        browser = new WebClient();
        page = browser.getPage("http://localhost:" + PORT + "/");
        await("the glue's first welcome", () -> readies() >= 1);
        credential = browser.getCookieManager().getCookie("bs_id").getValue();
        await("the server holds what the page's browser holds", () -> "true".equals(known()));
    }

    private long readies() {
        return ((Number) page.executeJavaScript("window.readies").getJavaScriptResult()).longValue();
    }

    /** Whether the application holds the page's browser's localStorage, asked with the browser's id cookie. */
    private String known() {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/dev/known"))
                                    .header("Cookie", "bs_id=" + credential)
                                    .timeout(RELOAD)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + RELOAD.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until %s", what).isLessThan(deadline);
            browser.waitForBackgroundJavaScript(100);
        }
    }

    /** The stores the application serves to the page, by simple name, with their keys in field order. */
    private void assertStores(Map<String, List<String>> expected) throws Exception {
        HttpResponse<String> served = get("/_storage/stores.json");
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        Map<String, List<String>> stores = new TreeMap<>();
        for (JsonNode store : new ObjectMapper().readTree(served.body()).path("stores")) {
            List<String> keys = new ArrayList<>();
            store.path("fields").forEach(field -> keys.add(field.path("key").asText()));
            stores.put(store.path("type").asText().substring(PACKAGE.length() + 1), keys);
        }
        assertThat(stores).isEqualTo(new TreeMap<>(expected));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path))
                        .header("Cookie", "dev_lang=fr")
                        .timeout(RELOAD)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Deletes one of the application's sources, as a developer would. */
    private static void deleteSourceFile(Class<?> type) throws Exception {
        // QuarkusDevModeTest (3.33) adds and modifies sources but has no way to delete one.
        Field sources = QuarkusDevModeTest.class.getDeclaredField("deploymentSourcePath");
        sources.setAccessible(true);
        Files.delete(((Path) sources.get(APP)).resolve(type.getName().replace('.', '/') + ".java"));
    }

    /** The text of an HTML error page's body, as the developer reads it. */
    private static String unescapeHtml(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
