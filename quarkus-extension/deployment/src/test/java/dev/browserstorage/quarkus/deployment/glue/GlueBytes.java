package dev.browserstorage.quarkus.deployment.glue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;

/** What the glue's size tests measure and run: UTF-8 length, gzip at the highest level, a run in HtmlUnit. */
final class GlueBytes {
    /** The budget of the glue's core (the sync protocol for localStorage and sessionStorage), gzipped. */
    static final int CORE_BUDGET_BYTES = 4096;

    private GlueBytes() {}

    static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
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

    static Object run(String script, String expression) throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage page = browser.getPage("about:blank");
            page.executeJavaScript(script);
            return page.executeJavaScript(expression).getJavaScriptResult();
        }
    }
}
