package dev.browserstorage.quarkus.deployment.glue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.runtime.GlueScript;
import dev.browserstorage.quarkus.runtime.GlueScript.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * What the browser scripts cost on the wire, measured in every build: each file with its comments,
 * indentation and blank lines taken out, then gzipped at the highest level. That is an upper bound
 * of a minifier's output (which also shortens names), and needs no JavaScript tool in the build. The
 * stripped copies are run in HtmlUnit, so the figure is of a script that still works. The figures
 * are printed and kept in docs/javascript.md.
 *
 * <p>The glue is served as its core with the optional parts the application uses (GlueScript): the
 * core, the sync protocol for localStorage and sessionStorage, has the budget of 4 KB; the
 * whole glue, with the cookie road and form binding (cookie fields included), has 10 KB. Every
 * combination is measured and run.
 */
class GlueSizeTest {
    private static final int CORE_BUDGET_BYTES = 4096;
    private static final int GLUE_BUDGET_BYTES = 10240;
    private static final int TYPED_STORES_BUDGET_BYTES = 3072;

    @Test
    void theCoreStrippedAndGzippedStaysUnderFourKilobytesAndStillRuns() throws Exception {
        String core = stripped(GlueScript.compose(EnumSet.noneOf(Part.class)));
        int size = gzipped(core);
        System.out.println(
                "storage.js core, stripped and gzipped: " + size + " bytes (budget " + CORE_BUDGET_BYTES + ")");

        assertThat(size).isLessThan(CORE_BUDGET_BYTES);
        assertThat(run(
                        core,
                        "typeof BrowserStorage.start + ' ' + typeof BrowserStorage.define + ' '"
                                + " + typeof BrowserStorage.checkCookies"))
                .isEqualTo("function undefined undefined");
    }

    @Test
    void everyPartRunsWithTheCoreAndTheWholeGlueStaysUnderItsBudget() throws Exception {
        for (Set<Part> parts : List.of(EnumSet.of(Part.COOKIES), EnumSet.of(Part.BINDING), EnumSet.allOf(Part.class))) {
            String glue = stripped(GlueScript.compose(parts));
            int size = gzipped(glue);
            System.out.println("storage.js core + " + parts + ", stripped and gzipped: " + size + " bytes");

            assertThat(size).isLessThan(GLUE_BUDGET_BYTES);
            assertThat(run(glue, "typeof BrowserStorage.define + ' ' + typeof BrowserStorage.checkCookies"))
                    .isEqualTo((parts.contains(Part.BINDING) ? "function" : "undefined") + " "
                            + (parts.contains(Part.COOKIES) ? "function" : "undefined"));
        }
    }

    @Test
    void theTypedStoreRuntimeStrippedAndGzippedStaysUnderItsBudgetAndStillRuns() throws Exception {
        String glue = stripped(GlueScript.compose(EnumSet.allOf(Part.class)));
        String typed = stripped(resource("META-INF/browser-storage/glue/typed.js"));
        int size = gzipped(typed);
        System.out.println(
                "typed.js, stripped and gzipped: " + size + " bytes (budget " + TYPED_STORES_BUDGET_BYTES + ")");

        assertThat(size).isLessThan(TYPED_STORES_BUDGET_BYTES);
        assertThat(run(glue + typed, "typeof BrowserStorage.defineStore")).isEqualTo("function");
    }

    @Test
    void strippingKeepsCodeAndDropsOnlyWholeLineComments() {
        assertThat(stripped("""
                /*
                 * header
                 */
                (function () {
                  // why
                  const url = 'http://x'; // kept: a trailing comment may sit after a string
                  /* one line */

                  return /\\/\\*/.test(url);
                })();
                """)).isEqualTo("""
                (function () {
                const url = 'http://x'; // kept: a trailing comment may sit after a string
                return /\\/\\*/.test(url);
                })();
                """);
    }

    /**
     * Drops whole-line comments, indentation and blank lines. Line ends stay, so automatic semicolon
     * insertion reads the code as before; comments after code stay, as telling them from a string or
     * a regular expression takes a JavaScript parser.
     */
    static String stripped(String script) {
        List<String> kept = new ArrayList<>();
        boolean inComment = false;
        for (String line : script.split("\n")) {
            String code = line.strip();
            if (inComment) {
                inComment = !code.contains("*/");
            } else if (code.startsWith("/*")) {
                inComment = !code.contains("*/");
            } else if (!code.isEmpty() && !code.startsWith("//")) {
                kept.add(code);
            }
        }
        return String.join("\n", kept) + "\n";
    }

    static int gzipped(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GlueSizeTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Object run(String script, String expression) throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage("about:blank");
            page.executeJavaScript(script);
            return page.executeJavaScript(expression).getJavaScriptResult();
        }
    }
}
