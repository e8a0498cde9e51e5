package dev.browserstorage.quarkus.devmode;

import io.quarkus.vertx.web.Route;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The dev-mode application's page: what its stores answer for the request (the cookie store reads
 * the request's cookies; the others, with no browser connected, their defaults). DevModeEditsTest
 * edits it along with the stores.
 */
@ApplicationScoped
public class DevRoutes {
    @Inject
    DevPrefsStore prefs;

    @Inject
    DevCookiesStore cookies;

    /** Whether the server holds the calling browser's localStorage: its glue has said hello to this application. */
    @Route(path = "/dev/known", methods = Route.HttpMethod.GET)
    void known(RoutingContext context) {
        context.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(String.valueOf(prefs.isKnown()));
    }

    @Route(path = "/dev/stores", methods = Route.HttpMethod.GET)
    void stores(RoutingContext context) {
        // One read per statement: DevModeEditsTest edits these lines as text.
        String page = "theme=" + prefs.theme().orDefault();
        page += " lang=" + cookies.lang().orDefault();
        context.response()
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(page);
    }
}
