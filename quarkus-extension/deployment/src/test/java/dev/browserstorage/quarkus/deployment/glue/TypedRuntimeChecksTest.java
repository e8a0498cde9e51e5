package dev.browserstorage.quarkus.deployment.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.browserstorage.quarkus.runtime.GlueScript;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The typed-store runtime ({@code typed.js}) refuses what the Java codecs would refuse even where
 * the JSON schema's shape allows it: whole numbers JavaScript cannot hold exactly, numbers beyond a
 * float, days the calendar does not have. Run in HtmlUnit on the glue's core, on a blank page of a
 * plain JDK HTTP server, with a store defined the way the processor's generated script defines one;
 * no sync server is needed, as refused values are never written.
 */
class TypedRuntimeChecksTest {
    private static final String STORE = """
            BrowserStorage.start({ app: 't', path: 'ws://127.0.0.1:9/sync' });
            BrowserStorage.defineStore({"name":"checks","area":"local","type":"t.Checks","fields":[
              {"name":"big","key":"checks.big","javaType":"long","schema":{"type":"integer","minimum":-9223372036854775808,"maximum":9223372036854775807},"default":0},
              {"name":"ratio","key":"checks.ratio","javaType":"float","schema":{"type":"number"},"default":0.5},
              {"name":"ratios","key":"checks.ratios","javaType":"java.util.List<java.lang.Float>","schema":{"type":"array","items":{"type":"number"}},"default":[]},
              {"name":"precise","key":"checks.precise","javaType":"double","schema":{"type":"number"},"default":0},
              {"name":"day","key":"checks.day","javaType":"java.time.LocalDate","schema":{"type":"string","format":"date"},"default":"2026-01-01"},
              {"name":"at","key":"checks.at","javaType":"java.time.LocalDateTime","schema":{"type":"string","format":"local-date-time"},"default":null}]});
            """;

    private static HttpServer server;
    private WebClient browser;
    private HtmlPage page;

    @BeforeAll
    static void serveABlankPage() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<!DOCTYPE html><html><head><title>blank</title></head><body></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServing() {
        server.stop(0);
    }

    @BeforeEach
    void load() throws Exception {
        browser = new WebClient(BrowserVersion.CHROME);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        page = browser.getPage("http://localhost:" + server.getAddress().getPort() + "/");
        page.executeJavaScript(
                GlueScript.compose(EnumSet.of(GlueScript.Part.SCHEMA), new GlueScript.Limits(1048576, 5242880))
                        .script());
        page.executeJavaScript(resource("META-INF/browser-storage/glue/typed.js"));
        page.executeJavaScript(STORE);
    }

    @AfterEach
    void close() {
        browser.close();
    }

    @Test
    void wholeNumbersBeyondTwoToTheFiftyThirdAreRefusedAsOutOfRange() {
        assertThat(attempt("BrowserStorage.stores.checks.big = 9007199254740991"))
                .isEqualTo("ok");
        assertThat(attempt("BrowserStorage.stores.checks.big = 9007199254740992"))
                .isEqualTo(
                        "RangeError: checks.big: 9007199254740992 is beyond ±(2^53 - 1), where JavaScript numbers skip whole numbers");
        assertThat(js("BrowserStorage.stores.checks.big")).isEqualTo(9007199254740991.0);
    }

    @Test
    void floatsBeyondTheirRangeAreRefusedDoublesAreNot() {
        assertThat(attempt("BrowserStorage.stores.checks.ratio = 3.4e38")).isEqualTo("ok");
        assertThat(attempt("BrowserStorage.stores.checks.ratio = 3.5e38"))
                .isEqualTo("RangeError: checks.ratio: 3.5e+38 is outside the range of a float");
        assertThat(attempt("BrowserStorage.stores.checks.ratios = [1, 1e39]"))
                .isEqualTo("TypeError: checks.ratios: [1]: 1e+39 is outside the range of a float");
        assertThat(attempt("BrowserStorage.stores.checks.precise = 1e300")).isEqualTo("ok");
        assertThat(js("BrowserStorage.stores.checks.ratio")).isEqualTo(3.4e38);
    }

    @Test
    void daysAndTimesTheCalendarDoesNotHaveAreRefused() {
        assertThat(attempt("BrowserStorage.stores.checks.day = '2024-02-29'")).isEqualTo("ok");
        assertThat(attempt("BrowserStorage.stores.checks.day = '2026-02-29'"))
                .isEqualTo("TypeError: checks.day: \"2026-02-29\" is not on the calendar");
        assertThat(attempt("BrowserStorage.stores.checks.day = '2026-13-01'")).startsWith("TypeError");
        assertThat(attempt("BrowserStorage.stores.checks.at = '2026-04-31T10:00'"))
                .startsWith("TypeError");
        assertThat(attempt("BrowserStorage.stores.checks.at = '2026-04-30T24:00'"))
                .startsWith("TypeError");
        assertThat(attempt("BrowserStorage.stores.checks.at = '2026-04-30T23:59:59'"))
                .isEqualTo("ok");
        assertThat(js("BrowserStorage.stores.checks.day")).isEqualTo("2024-02-29");
    }

    @Test
    void aStoredValueTheRuntimeRefusesReadsAsTheDefault() {
        js(
                "localStorage.setItem('t:checks.day', '\"2026-02-30\"'); localStorage.setItem('t:checks.big', '9007199254740993')");

        assertThat(js("BrowserStorage.stores.checks.day")).isEqualTo("2026-01-01");
        assertThat(js("BrowserStorage.stores.checks.big")).isEqualTo(0.0);
    }

    private String attempt(String statement) {
        return (String) js("(function () { try { " + statement
                + "; return 'ok'; } catch (e) { return e.name + ': ' + e.message; } })()");
    }

    private Object js(String script) {
        Object result = page.executeJavaScript(script).getJavaScriptResult();
        return result instanceof Number n ? (Object) n.doubleValue() : result;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TypedRuntimeChecksTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
