package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.testing.Eventually.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.quarkus.deployment.testing.TypedSettings;
import dev.browserstorage.quarkus.deployment.testing.TypedSettingsStore;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The typed JavaScript stores, {@code /_storage/stores.global.js}, in HtmlUnit's JavaScript engine
 * against a real server: what a page writes through them is checked as the Java store would check
 * it, reaches the server and reads back in Java; what the server writes reads typed in the page.
 * The ES module and the TypeScript types are served beside them; where {@code tsc} is on the PATH
 * ({@code npm install -g typescript}), the types are compiled with it, otherwise that test is skipped
 * with the reason.
 */
class TypedStoresTest {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html><head><title>typed</title>
            <script src="/_storage/storage.js" data-app="demo"></script>
            <script src="/_storage/stores.global.js"></script>
            <script>
              window.ready = false;
              document.addEventListener('browser-storage:ready', function () { ready = true; });
              window.seen = [];
              window.stopListening = BrowserStorage.stores.typed.onChange('mode', function (value, change) {
                seen.push({ value: value, source: change.source });
              });
              window.attempt = function (fn) {
                try { fn(); return 'stored'; } catch (e) { return e.name + ': ' + e.message; }
              };
            </script>
            </head><body></body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "demo",
            jar -> jar.addClass(Eventually.class)
                    .addAsResource(new StringAsset(PAGE), "META-INF/resources/index.html"));

    @TestHTTPResource("/index.html")
    URL index;

    @TestHTTPResource("/_storage/")
    URL storage;

    @Inject
    Browsers browsers;

    private WebClient browser;

    @BeforeEach
    void newBrowser() {
        browser = new WebClient(BrowserVersion.CHROME);
        browser.getOptions().setThrowExceptionOnScriptError(true);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void aTypedWriteReachesTheServerWhereTheJavaStoreReadsIt() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        js(page, """
                var typed = BrowserStorage.stores.typed;
                typed.fontSize = 16;
                typed.mode = 'DARK';
                typed.set('tags', ['a', 'b']);
                typed.ratio = 0.5;
                typed.note = 'remember';
                """);

        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:typed.note").isPresent());
        TypedSettingsStore store = new TypedSettingsStore(session);
        assertThat(store.getFontSize()).isEqualTo(16);
        assertThat(store.getMode()).isEqualTo(TypedSettings.Mode.DARK);
        assertThat(store.getTags()).containsExactly("a", "b");
        assertThat(store.getRatio()).isEqualTo(0.5);
        assertThat(store.getNote()).as("the lifetime's envelope reads in Java").isEqualTo("remember");
        assertThat(js(page, "typed.fontSize + ' ' + typed.mode + ' ' + typed.tags.join('+') + ' ' + typed.note"))
                .isEqualTo("16 DARK a+b remember");
        assertThat(js(
                        page,
                        "var left = JSON.parse(localStorage.getItem('demo:typed.note')).expires - Date.now();"
                                + " left > 3500000 && left <= 3600000"))
                .as("stored with its lifetime of one hour")
                .isEqualTo(true);

        js(page, "typed.remove('fontSize'); typed.ratio = null");
        waitUntil(() -> session.readText(StorageArea.LOCAL, "demo:typed.ratio").isEmpty());
        assertThat(session.readText(StorageArea.LOCAL, "demo:typed.fontSize")).isEmpty();
        assertThat(js(page, "JSON.stringify([typed.fontSize, typed.ratio])")).isEqualTo("[14,null]");
    }

    @Test
    void aServerWriteReadsTypedAndReachesOnChangeListeners() throws Exception {
        HtmlPage page = open();
        TypedSettingsStore store = new TypedSettingsStore(session(page));

        store.setMode(TypedSettings.Mode.DARK).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(js(page, "BrowserStorage.stores.typed.mode")).isEqualTo("DARK");
        store.mode().remove().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(js(page, "BrowserStorage.stores.typed.mode")).isEqualTo("LIGHT");
        js(page, "stopListening()");
        store.setMode(TypedSettings.Mode.DARK).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(js(page, "JSON.stringify(seen)"))
                .as("the decoded value, the default once removed, and nothing after the listener stopped")
                .isEqualTo("[{\"value\":\"DARK\",\"source\":\"server\"},{\"value\":\"LIGHT\",\"source\":\"server\"}]");
    }

    @Test
    void valuesTheJavaStoreWouldRefuseAreRefusedAndNothingIsStoredOrSent() throws Exception {
        HtmlPage page = open();
        Browser session = session(page);

        assertThat(attempt(page, "typed.mode = 'BLUE'"))
                .isEqualTo("TypeError: typed.mode: \"BLUE\" is not one of LIGHT, DARK");
        assertThat(attempt(page, "typed.fontSize = 14.5"))
                .isEqualTo("TypeError: typed.fontSize: 14.5 is not a whole number");
        assertThat(attempt(page, "typed.fontSize = '16'"))
                .isEqualTo("TypeError: typed.fontSize: \"16\" is not a whole number");
        assertThat(attempt(page, "typed.fontSize = 2147483648"))
                .isEqualTo("RangeError: typed.fontSize: 2147483648 is outside -2147483648..2147483647");
        assertThat(attempt(page, "typed.tags = ['a', 1]")).isEqualTo("TypeError: typed.tags: [1]: 1 is not a string");
        assertThat(attempt(page, "typed.tags = 'a'")).isEqualTo("TypeError: typed.tags: \"a\" is not an array");
        assertThat(attempt(page, "typed.ratio = Infinity"))
                .isEqualTo("TypeError: typed.ratio: Infinity is not a finite number");
        assertThat(attempt(page, "typed.set('colour', 'red')"))
                .isEqualTo("TypeError: store typed has no field \"colour\"");
        assertThat(attempt(page, "typed.note = 'x'.repeat(1024 * 1024)"))
                .startsWith("QuotaExceededError: typed.note: the value is 104861")
                .contains("bytes in UTF-8, over the limit of 1048576 for one value; nothing was written");
        assertThat(js(
                        page,
                        "var kept = 0; for (var i = 0; i < localStorage.length; i++) {"
                                + " if (localStorage.key(i).indexOf('demo:typed.') === 0) kept++; } kept"))
                .isEqualTo(0);

        // Frames go in order: once a later write is on the server, any refused one would be there too.
        js(page, "typed.fontSize = 20");
        waitUntil(
                () -> session.readText(StorageArea.LOCAL, "demo:typed.fontSize").isPresent());
        assertThat(session.entries(StorageArea.LOCAL)).containsOnlyKeys("demo:typed.fontSize");
    }

    @Test
    void absentExpiredOrTamperedValuesReadAsTheirDefaults() throws Exception {
        HtmlPage page = open();

        assertThat(js(page, "JSON.stringify([typed.mode, typed.fontSize, typed.tags, typed.ratio, typed.note])"))
                .isEqualTo("[\"LIGHT\",14,[],null,\"\"]");
        js(page, """
                localStorage.setItem('demo:typed.fontSize', '"big"');
                localStorage.setItem('demo:typed.mode', 'not json');
                localStorage.setItem('demo:typed.tags', '[1, 2]');
                localStorage.setItem('demo:typed.note', '{"expires": 1, "value": "long gone"}');
                """);
        assertThat(js(page, "JSON.stringify([typed.mode, typed.fontSize, typed.tags, typed.note])"))
                .isEqualTo("[\"LIGHT\",14,[],\"\"]");
        assertThat(js(page, "typed.tags.push('x'); String(typed.tags.length)"))
                .as("a default is a fresh copy")
                .isEqualTo("0");
    }

    @Test
    void theModuleAndTheTypesAreServedBesideThePlainScript() throws Exception {
        HttpResponse<String> module = get("stores.js");
        assertThat(module.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(module.body())
                .contains("BrowserStorage.defineStore({\"name\":\"typed\"")
                .contains("export default $stores;\n")
                .contains("export const prefs = $stores.prefs;\n")
                .contains("export const typed = $stores.typed;\n");
        assertThat(get("stores.global.js").body()).doesNotContain("export ");

        String types = get("stores.d.ts").body();
        assertThat(types)
                .contains("export interface TypedSettings {")
                .contains("  mode: \"LIGHT\" | \"DARK\";\n")
                .contains("  tags: Array<string>;\n")
                .contains("  ratio: number | null;\n")
                .contains("  \"typed\": TypedStore<TypedSettings>;\n")
                .contains("export declare const typed: TypedStore<TypedSettings>;\n");
    }

    @Test
    void theTypesCompileWithTscAndRefuseAValueOutsideTheEnum() throws Exception {
        // CI installs tsc (.ci/run): there, a missing one is a broken setup, not a reason to skip.
        assertThat(onPath("tsc") || !"true".equals(System.getenv("CI")))
                .as("CI=true but tsc is not on the PATH: .ci/run installs it with npm")
                .isTrue();
        Assumptions.assumeTrue(onPath("tsc"), "tsc is not on the PATH: npm install -g typescript to check stores.d.ts");
        Path dir = Files.createTempDirectory("stores-d-ts");
        Files.writeString(dir.resolve("stores.d.ts"), get("stores.d.ts").body());
        Files.writeString(dir.resolve("use.ts"), """
                import stores, { typed, prefs } from "./stores";
                const mode: "LIGHT" | "DARK" = typed.mode;
                typed.fontSize = typed.fontSize + 1;
                const tags: string[] = typed.tags;
                const ratio: number | null = typed.ratio;
                typed.set("mode", "DARK");
                typed.set("ratio", null);
                const stop: () => void = typed.onChange("fontSize", (size: number, change) => console.log(size, change.source));
                stores.typed.remove("note");
                prefs.theme = "dark";
                const state: "connecting" | "open" | "closed" = window.BrowserStorage.state();
                BrowserStorage.stores.typed.get("tags").push("x");
                console.log(mode, tags, ratio, stop, state);
                """);
        Files.writeString(dir.resolve("wrong.ts"), """
                import { typed } from "./stores";
                typed.mode = "BLUE";
                """);

        assertThat(tsc(dir, "use.ts")).as("tsc's output").isEmpty();
        assertThat(tsc(dir, "wrong.ts")).contains("wrong.ts(2,1): error TS2322: Type '\"BLUE\"' is not assignable");
    }

    private static String tsc(Path dir, String file) throws Exception {
        Process tsc = new ProcessBuilder(
                        "tsc",
                        "--noEmit",
                        "--strict",
                        "--target",
                        "es2017",
                        "--module",
                        "esnext",
                        "--moduleResolution",
                        "bundler",
                        "--lib",
                        "es2017,dom",
                        file)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(tsc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tsc.waitFor(60, TimeUnit.SECONDS)).as("tsc within 60 s").isTrue();
        return output.strip();
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private HttpResponse<String> get(String file) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(storage + file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(file).isEqualTo(200);
        return response;
    }

    private HtmlPage open() throws Exception {
        HtmlPage page = browser.getPage(index);
        waitUntil(() -> Boolean.TRUE.equals(js(page, "ready")));
        js(page, "var typed = BrowserStorage.stores.typed");
        return page;
    }

    private Browser session(HtmlPage page) {
        return browsers.find(Credentials.id(
                        browser.getCookieManager().getCookie(Credentials.COOKIE).getValue()))
                .orElseThrow();
    }

    private static String attempt(HtmlPage page, String statement) {
        return (String) js(page, "attempt(function () { " + statement + "; })");
    }

    private static Object js(HtmlPage page, String script) {
        return page.executeJavaScript(script).getJavaScriptResult();
    }
}
