package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.cookie.SetCookieHeader;
import io.quarkus.arc.Arc;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves {@code POST <path>/cookie/<token>}: answers 204 with the {@code Set-Cookie} of an HttpOnly
 * cookie written over the sync socket, 403 for a token not signed for this browser, 410 for one used
 * up or expired. The browser is the one of the request's browser-id cookie.
 */
final class CookieCommitHandler implements Handler<RoutingContext> {
    /** The beans it needs, looked up on the first request: the handler is made before the container. */
    private volatile Beans beans;

    @Override
    public void handle(RoutingContext context) {
        var response = context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (!"POST".equals(context.request().method().name())) {
            response.setStatusCode(405).putHeader("Allow", "POST").end();
            return;
        }
        Beans found = beans();
        String browserId = RequestBrowser.browserId(context);
        String label = browserId == null
                ? null
                : found.registry.find(browserId).map(Browser::browserId).orElse(null);
        CookieCommits.Outcome outcome = found.commits.redeem(
                context.pathParam("token"),
                label,
                (name, value, options) -> response.headers()
                        .add(
                                "Set-Cookie",
                                value == null
                                        ? SetCookieHeader.formatDeletion(name, options)
                                        : SetCookieHeader.format(name, value, options)));
        switch (outcome) {
            case COMMITTED -> response.setStatusCode(204).end();
            case GONE -> response.setStatusCode(410).end("This cookie commit URL was already used or has expired");
            default -> response.setStatusCode(403).end("This cookie commit URL is not for this browser");
        }
    }

    private Beans beans() {
        Beans found = beans;
        if (found == null) {
            found = new Beans(
                    Arc.container().instance(CookieCommits.class).get(),
                    Arc.container().instance(BrowserRegistry.class).get());
            beans = found;
        }
        return found;
    }

    private record Beans(CookieCommits commits, BrowserRegistry registry) {}
}
