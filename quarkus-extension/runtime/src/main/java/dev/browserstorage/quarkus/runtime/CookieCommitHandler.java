package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.cookie.SetCookieHeader;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import io.quarkus.arc.Arc;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Serves {@code POST <path>/cookie/<token>}: answers 204 with the {@code Set-Cookie} of an HttpOnly
 * cookie written over the sync socket, 403 for a token not signed for this browser, 410 for one used
 * up or expired, 503 when the app's nodes share their browsers and their shared store cannot answer.
 * The browser is the one of the request's browser-id cookie. On one node it answers at once; when
 * the commit must be taken from the shared store, it answers on the request's context once that has.
 */
final class CookieCommitHandler implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(CookieCommitHandler.class);

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
        List<String> setCookies = new ArrayList<>(1);
        CompletionStage<CookieCommits.Outcome> outcome;
        try {
            outcome = found.commits.redeem(
                    context.pathParam("token"),
                    label(found, browserId),
                    (name, value, options) -> setCookies.add(
                            value == null
                                    ? SetCookieHeader.formatDeletion(name, options)
                                    : SetCookieHeader.format(name, value, options)));
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<CookieCommits.Outcome> done = outcome.toCompletableFuture();
        if (done.isDone()) {
            answer(response, done, setCookies);
            return;
        }
        Context here = context.vertx().getOrCreateContext();
        done.whenComplete((ignored, failure) -> here.runOnContext(nothing -> answer(response, done, setCookies)));
    }

    /**
     * The label of the request's browser: its copy's on this node, or, when the nodes share their
     * browsers, the one every node gives it (the copy may be on another node only).
     */
    private static String label(Beans found, String browserId) {
        if (browserId == null) {
            return null;
        }
        return found.registry
                .find(browserId)
                .map(Browser::browserId)
                .orElseGet(() -> found.sharing.isShared() ? found.sharing.label(browserId) : null);
    }

    private static void answer(
            HttpServerResponse response, CompletableFuture<CookieCommits.Outcome> done, List<String> setCookies) {
        if (response.ended() || response.closed()) {
            return;
        }
        CookieCommits.Outcome outcome;
        try {
            outcome = done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.debugf("A cookie commit could not be checked: %s", cause.getMessage());
            response.setStatusCode(503)
                    .end("The servers cannot check this cookie commit URL now: their shared store is unavailable");
            return;
        }
        switch (outcome) {
            case COMMITTED -> {
                setCookies.forEach(header -> response.headers().add("Set-Cookie", header));
                response.setStatusCode(204).end();
            }
            case GONE -> response.setStatusCode(410).end("This cookie commit URL was already used or has expired");
            default -> response.setStatusCode(403).end("This cookie commit URL is not for this browser");
        }
    }

    private Beans beans() {
        Beans found = beans;
        if (found == null) {
            found = new Beans(
                    Arc.container().instance(CookieCommits.class).get(),
                    Arc.container().instance(BrowserRegistry.class).get(),
                    Arc.container().instance(BrowserSharing.class).get());
            beans = found;
        }
        return found;
    }

    private record Beans(CookieCommits commits, BrowserRegistry registry, BrowserSharing sharing) {}
}
