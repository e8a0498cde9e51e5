package dev.browserstorage.quarkus.runtime;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Settles the browser of every HTTP request: the one its id cookie names if this server issued it,
 * or a fresh one sent back as {@code Set-Cookie} ({@link BrowserIds}), so that its sync socket and
 * its later HTTP requests find the same server-side session.
 */
@ApplicationScoped
public class BrowserIdFilter {
    @Inject
    BrowserIds ids;

    @Inject
    BrowserRegistry registry;

    void register(@Observes Filters filters) {
        filters.register(
                context -> {
                    if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
                        // The upgrade check settles the id of a handshake and sends it on the 101 response.
                        context.next();
                        return;
                    }
                    boolean secure = context.request().isSSL();
                    BrowserIds.Settled browser = ids.settle(
                            context.request().headers().getAll(HttpHeaders.COOKIE), secure, registry::isRetired);
                    if (browser.fresh()) {
                        context.put(BrowserIds.FRESH_CONTEXT_KEY, Boolean.TRUE);
                        context.response()
                                .headers()
                                .add(HttpHeaders.SET_COOKIE, ids.setCookie(browser.credential(), secure));
                    } else {
                        registry.sawHttpRequest(browser.id());
                    }
                    context.put(BrowserIds.CONTEXT_KEY, browser.id());
                    context.next();
                },
                100);
    }
}
