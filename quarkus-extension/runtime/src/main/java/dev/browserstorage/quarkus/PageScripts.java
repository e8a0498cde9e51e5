package dev.browserstorage.quarkus;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.protocol.Frames;
import dev.browserstorage.quarkus.runtime.RequestBrowser;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The script tags a page needs: the glue, started with the application's id, and the typed stores.
 * For a browser that has server writes waiting (a form handler wrote a store, then renders the
 * page), the glue's tag carries them in {@code data-pending}, and the glue applies them while the
 * page loads, before it fills bound fields and before its socket connects: the page shows the new
 * values on first paint. Each is still applied once per browser (per tab for sessionStorage),
 * however the socket delivers it again (docs/protocol.md, "Rendered batches").
 *
 * <p>The Qute tag {@code {#browserStorage /}} writes {@link #scripts()}; other templating uses it the
 * same way. A response that carries pending writes gets {@code Cache-Control: no-store}: a copy
 * replayed from a cache would carry writes long applied.
 *
 * <pre>{@code
 * @Inject PageScripts scripts;
 * ...
 * prefs.setTheme("dark");
 * return "<html><head>" + scripts.scripts() + "</head>...";
 * }</pre>
 */
@ApplicationScoped
public class PageScripts {
    private final Browsers browsers;
    private final CurrentVertxRequest request;
    /** Up to the glue tag's pending writes; neither the path nor the app id needs escaping (both are checked at start). */
    private final String glueStart;

    private final String glueEnd;

    @Inject
    PageScripts(
            Browsers browsers,
            CurrentVertxRequest request,
            @ConfigProperty(name = "quarkus.browser-storage.path", defaultValue = "/_storage") String path) {
        this.browsers = browsers;
        this.request = request;
        this.glueStart = "<script src=\"" + path + "/storage.js\" data-app=\"" + browsers.appId() + "\"";
        this.glueEnd = "></script>\n<script src=\"" + path + "/stores.global.js\"></script>";
    }

    /**
     * The script tags for the HTTP request in progress (the CDI request context is active: a REST
     * resource, a reactive route, a Qute template rendered there). Outside one, or for a browser
     * with nothing pending, the plain tags.
     *
     * @return the two script tags
     */
    public String scripts() {
        boolean inRequest = Arc.container().getActiveContext(RequestScoped.class) != null;
        RoutingContext context = inRequest ? request.getCurrent() : null;
        return context == null ? glueStart + glueEnd : scripts(context);
    }

    /**
     * The script tags for a request, where no CDI request context is active (a plain Vert.x route
     * handler). Sets {@code Cache-Control: no-store} on the response when they carry pending writes.
     *
     * @param context the request
     * @return the two script tags
     */
    public String scripts(RoutingContext context) {
        String pending = pendingJson(context);
        if (pending == null) {
            return glueStart + glueEnd;
        }
        if (!context.response().headWritten()) {
            context.response().putHeader("Cache-Control", "no-store");
        }
        return glueStart + " data-pending=\"" + escapeAttribute(pending) + "\"" + glueEnd;
    }

    /** The request's browser's (and tab's) pending batches as JSON; null if there are none. Reads only. */
    private String pendingJson(RoutingContext context) {
        String browserId = RequestBrowser.browserId(context);
        Optional<Browser> browser = browserId == null ? Optional.empty() : browsers.find(browserId);
        if (browser.isEmpty()) {
            return null;
        }
        String tabId = RequestBrowser.tabId(context);
        Optional<Tab> tab = tabId == null ? Optional.empty() : browser.get().findTab(tabId);
        List<WriteBatch> tabBatches = tab.map(t -> t.link().pendingBatches()).orElse(List.of());
        String json =
                Frames.rendered(browser.get().link().pendingBatches(), tab.isPresent() ? tabId : null, tabBatches);
        return json.equals("[]") ? null : json;
    }

    /** Text for a double-quoted HTML attribute: the five characters that could end or change it. */
    static String escapeAttribute(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
