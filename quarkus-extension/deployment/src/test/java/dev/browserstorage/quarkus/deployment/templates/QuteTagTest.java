package dev.browserstorage.quarkus.deployment.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.qute.Template;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import org.htmlunit.BrowserVersion;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code {#browserStorage /}} in a Qute template: the page it renders loads the glue started with
 * the configured app id and the typed stores, and syncs with the server in HtmlUnit.
 */
class QuteTagTest {
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html><head><title>{title}</title>
            {#browserStorage /}
            <script>
              window.ready = false;
              document.addEventListener('browser-storage:ready', function () { ready = true; });
            </script>
            </head><body></body></html>
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "tagged",
            jar -> jar.addClasses(PageRoute.class).addAsResource(new StringAsset(TEMPLATE), "templates/page.html"));

    @TestHTTPResource("/page")
    URL page;

    @Test
    void theTagLoadsTheGlueAndTheTypedStoresStartedWithTheAppId() throws Exception {
        try (WebClient browser = new WebClient(BrowserVersion.CHROME)) {
            browser.getOptions().setThrowExceptionOnScriptError(true);
            HtmlPage html = browser.getPage(page);

            assertThat(html.getWebResponse().getContentAsString())
                    .contains("<script src=\"/_storage/storage.js\" data-app=\"tagged\"></script>\n"
                            + "<script src=\"/_storage/stores.global.js\"></script>");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Boolean.TRUE.equals(html.executeJavaScript("ready").getJavaScriptResult())) {
                assertThat(System.nanoTime()).as("ready within 10 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(html.executeJavaScript("BrowserStorage.app() + ' ' + BrowserStorage.stores.prefs.theme")
                            .getJavaScriptResult())
                    .isEqualTo("tagged light");
        }
    }

    /** Serves the template at /page. */
    @ApplicationScoped
    public static class PageRoute {
        @Inject
        Template page;

        void route(@Observes Router router) {
            router.get("/page")
                    .handler(context -> context.response()
                            .putHeader("Content-Type", "text/html; charset=utf-8")
                            .end(page.data("title", "tagged").render()));
        }
    }
}
