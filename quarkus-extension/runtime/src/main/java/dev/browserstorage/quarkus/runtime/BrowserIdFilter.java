package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Gives every browser an id in an HttpOnly cookie on its first request, so that its sync socket and
 * its later HTTP requests find the same server-side session.
 */
@ApplicationScoped
public class BrowserIdFilter {
    @Inject
    BrowserStorageConfig config;

    void register(@Observes Filters filters) {
        String name = config.browserIdCookie();
        filters.register(context -> {
            if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))) {
                // The upgrade check settles the id of a handshake and sends it on the 101 response.
                context.next();
                return;
            }
            Cookie cookie = context.request().getCookie(name);
            String id = cookie == null ? null : cookie.getValue();
            if (!BrowserIds.isValid(id)) {
                id = BrowserIds.newId();
                context.response().addCookie(Cookie.cookie(name, id)
                        .setPath("/")
                        .setHttpOnly(true)
                        .setSameSite(CookieSameSite.LAX)
                        .setSecure(context.request().isSSL()));
            }
            context.put(BrowserIds.CONTEXT_KEY, id);
            context.next();
        }, 100);
    }
}
