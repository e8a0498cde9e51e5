package dev.browserstorage.quarkus.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/** Rotates the id of the browser of the current HTTP request ({@code BrowserIdentity.rotate()}). */
@ApplicationScoped
public class IdRotation {
    /** Close code for the sockets of a browser whose id was rotated: they reconnect with the new cookie. */
    static final int CLOSE_ROTATED = 4401;

    private static final Logger LOG = Logger.getLogger(IdRotation.class);

    @Inject
    BrowserIds ids;

    @Inject
    BrowserRegistry registry;

    @Inject
    CurrentVertxRequest request;

    @Inject
    OpenConnections connections;

    /**
     * @return the browser's new public id
     * @throws IllegalStateException outside an HTTP request, or once its response has started
     */
    public String rotate() {
        RoutingContext context =
                Arc.container().getActiveContext(RequestScoped.class) == null ? null : request.getCurrent();
        String old = context == null ? null : RequestBrowser.browserId(context);
        if (old == null) {
            throw new IllegalStateException("A browser's id can only be rotated inside one of its HTTP requests, whose"
                    + " response carries the new cookie");
        }
        if (context.response().headWritten()) {
            throw new IllegalStateException("The browser's id cannot be rotated: the response has started, and the new"
                    + " cookie must be in its headers");
        }
        boolean secure = context.request().isSSL();
        BrowserIds.Settled fresh = ids.issue();
        // A fresh id the filter issued for this very request is replaced, not sent beside the new one.
        String cookiePrefix = ids.cookieName(secure) + "=";
        List<String> setCookies = context.response().headers().getAll(HttpHeaders.SET_COOKIE);
        context.response().headers().remove(HttpHeaders.SET_COOKIE);
        setCookies.stream()
                .filter(header -> !header.startsWith(cookiePrefix))
                .forEach(header -> context.response().headers().add(HttpHeaders.SET_COOKIE, header));
        context.response().headers().add(HttpHeaders.SET_COOKIE, ids.setCookie(fresh.credential(), secure));
        registry.rekey(old, fresh.id())
                .ifPresent(browser -> LOG.debugf("Rotated the id of browser %s", browser.browserId()));
        context.put(BrowserIds.CONTEXT_KEY, fresh.id());
        for (WebSocketConnection connection : connections.listAll()) {
            if (old.equals(connection.userData().get(BrowserIds.USER_DATA_KEY))) {
                connection
                        .close(new CloseReason(CLOSE_ROTATED, "rotated"))
                        .subscribe()
                        .with(ok -> {}, failure -> {});
            }
        }
        return fresh.id();
    }
}
