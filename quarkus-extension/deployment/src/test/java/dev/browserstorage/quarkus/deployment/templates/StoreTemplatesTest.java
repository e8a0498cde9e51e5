package dev.browserstorage.quarkus.deployment.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SyncClient;
import dev.browserstorage.quarkus.deployment.testing.TestApps;
import dev.browserstorage.quarkus.deployment.testing.UiCookiesStore;
import dev.browserstorage.quarkus.deployment.testing.WizardStore;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.Engine;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
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
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed stores in Qute templates, rendered by a real server for a browser whose state reaches it
 * over the real sync socket: the default before the browser's snapshot, the browser's value after
 * it, a value the same request wrote, sessionStorage with and without a tab, cookies from the
 * request, through template data (declared and not) and through {@code {inject:...}}.
 */
class StoreTemplatesTest {
    private static final String DECLARED = """
            {@dev.browserstorage.quarkus.deployment.testing.PrefsStore prefs}
            {@dev.browserstorage.quarkus.deployment.testing.WizardStore wizard}
            {@dev.browserstorage.quarkus.deployment.testing.UiCookiesStore ui}
            theme={prefs.theme} fontSize={prefs.fontSize} known={prefs.known} \
            step={wizard.step} wizardKnown={wizard.known} lang={ui.lang} uiKnown={ui.known}""";
    private static final String UNDECLARED = "theme={prefs.theme} known={prefs.known} upper={prefs.theme.toUpperCase}";
    private static final String INJECTED =
            "theme={inject:prefs.theme} known={inject:prefs.known} step={inject:wizard.step}"
                    + " lang={inject:uiCookies.lang} size={inject:prefs.fontSize}"
                    + " hydrated={inject:prefs.hydrated}";

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withAllStores(
            "test",
            jar -> jar.addClasses(Credentials.class, Pages.class, SyncClient.class)
                    .addAsResource(new StringAsset(DECLARED), "templates/declared.txt")
                    .addAsResource(new StringAsset(UNDECLARED), "templates/undeclared.txt")
                    .addAsResource(new StringAsset(INJECTED), "templates/injected.txt")
                    .addAsResource(
                            new StringAsset("<p class=\"{prefs.theme}\">{inject:prefs.theme}</p>"),
                            "templates/escaped.html"));

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void beforeTheSnapshotEveryFieldRendersItsDefaultAndTheStoresSayItIsNotKnown() throws Exception {
        assertThat(render("declared", Credentials.issue(base), null, null))
                .isEqualTo("theme=light fontSize=14 known=false step=start wizardKnown=false lang=en uiKnown=true");
        assertThat(render("undeclared", Credentials.issue(base), null, null))
                .isEqualTo("theme=light known=false upper=LIGHT");
        assertThat(render("injected", Credentials.issue(base), null, null))
                .as("hydrated: a name that is no field falls through to the store's own isHydrated()")
                .isEqualTo("theme=light known=false step=start lang=en size=14 hydrated=false");
    }

    @Test
    void aValueWrittenEarlierInTheSameRequestIsRenderedBeforeTheSnapshot() throws Exception {
        String browser = Credentials.issue(base);
        assertThat(render("undeclared?theme=dark", browser, null, null)).isEqualTo("theme=dark known=false upper=DARK");
        // The write waits for the browser, so the next page of the same browser shows it too.
        assertThat(render("injected", browser, null, null)).startsWith("theme=dark known=false");
    }

    @Test
    void afterTheSnapshotTheBrowsersValuesAreRenderedAndSessionStorageNeedsTheTab() throws Exception {
        String browser = Credentials.issue(base);
        try (SyncClient socket = SyncClient.connect(vertx, base, browser, null)) {
            socket.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", base.toString())
                    .put(
                            "local",
                            new JsonObject()
                                    .put("test:prefs.theme", "\"sepia\"")
                                    .put("test:prefs.fontSize", "18"))
                    .put("session", new JsonObject().put("test:wizard.step", "\"payment\""))
                    .put("cookies", "")
                    .put("applied", 0)
                    .put("tab", "tabA"));
            JsonObject welcome = socket.next();
            assertThat(welcome.getString("t")).isEqualTo("welcome");
            String tab = welcome.getString("tab");

            assertThat(render("declared", browser, tab, "ui_lang=fr"))
                    .isEqualTo("theme=sepia fontSize=18 known=true step=payment wizardKnown=true lang=fr uiKnown=true");
            assertThat(render("declared", browser, null, "ui_lang=fr"))
                    .as("no tab named: sessionStorage is not known")
                    .isEqualTo("theme=sepia fontSize=18 known=true step=start wizardKnown=false lang=fr uiKnown=true");
            assertThat(render("injected", browser, tab, null))
                    .isEqualTo("theme=sepia known=true step=payment lang=en size=18 hydrated=true");
            assertThat(render("undeclared?theme=night", browser, tab, null))
                    .as("a write of this request over the snapshot")
                    .isEqualTo("theme=night known=true upper=NIGHT");
        }
    }

    @Test
    void aValueFromTheBrowserIsRenderedAsTextInHtml() throws Exception {
        String browser = Credentials.issue(base);
        try (SyncClient socket = SyncClient.connect(vertx, base, browser, null)) {
            socket.send(new JsonObject()
                    .put("t", "hello")
                    .put("v", 1)
                    .put("app", "test")
                    .put("page", base.toString())
                    .put("local", new JsonObject().put("test:prefs.theme", "\"\\\"><script>alert(1)</script>\""))
                    .put("session", new JsonObject())
                    .put("cookies", "")
                    .put("applied", 0));
            assertThat(socket.next().getString("t")).isEqualTo("welcome");

            assertThat(render("escaped", browser, null, null))
                    .isEqualTo(
                            "<p class=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>");
        }
    }

    private String render(String page, String browserId, String tab, String cookies) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/render/" + page))
                .timeout(Duration.ofSeconds(10))
                .header("Cookie", Credentials.COOKIE + "=" + browserId + (cookies == null ? "" : "; " + cookies));
        if (tab != null) {
            request.header("X-Browser-Storage-Tab", tab);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    /**
     * Renders {@code /render/<template>}, after writing {@code ?theme=} if given, with the stores as
     * data. A plain Vert.x route runs outside CDI's request context, so it activates one and names
     * its request, as a REST resource or a reactive route has it done for them.
     */
    @ApplicationScoped
    public static class Pages {
        @Inject
        Engine engine;

        @Inject
        PrefsStore prefs;

        @Inject
        WizardStore wizard;

        @Inject
        UiCookiesStore ui;

        @Inject
        CurrentVertxRequest currentRequest;

        void route(@Observes Router router) {
            router.get("/render/:template").handler(context -> {
                ManagedContext requestContext = Arc.container().requestContext();
                requestContext.activate();
                try {
                    currentRequest.setCurrent(context);
                    String theme = context.request().getParam("theme");
                    if (theme != null) {
                        prefs.setTheme(theme);
                    }
                    String text = engine.getTemplate(context.pathParam("template"))
                            .data("prefs", prefs)
                            .data("wizard", wizard)
                            .data("ui", ui)
                            .render();
                    context.response()
                            .putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end(text);
                } catch (RuntimeException e) {
                    context.response().setStatusCode(500).end(e.toString());
                } finally {
                    requestContext.terminate();
                }
            });
        }
    }
}
