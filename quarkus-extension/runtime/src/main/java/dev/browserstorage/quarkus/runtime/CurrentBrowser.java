package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserSessions;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.HttpCookies;
import dev.browserstorage.session.SessionSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The browser of the HTTP request in progress, found through the browser-id cookie: what injected
 * stores read and write.
 */
@ApplicationScoped
public class CurrentBrowser implements SessionSource {
    @Inject
    BrowserSessions sessions;

    @Inject
    CurrentVertxRequest request;

    @Override
    public String appId() {
        return sessions.appId();
    }

    @Override
    public BrowserSession current() {
        RoutingContext context = routingContext();
        String id = context == null ? null : context.get(BrowserIds.CONTEXT_KEY);
        if (id == null) {
            throw new IllegalStateException("No browser for this call: injected browser-storage stores work inside an HTTP"
                    + " request; elsewhere, get a browser's session from BrowserSessions");
        }
        return sessions.session(id);
    }

    /** Inside an HTTP request, cookie fields read its cookies and answer with Set-Cookie headers. */
    @Override
    public Optional<HttpCookies> httpCookies() {
        RoutingContext context = routingContext();
        return context == null || context.get(BrowserIds.CONTEXT_KEY) == null ? Optional.empty()
                : Optional.of(new VertxHttpCookies(context));
    }

    private RoutingContext routingContext() {
        InjectableContext requestContext = Arc.container().getActiveContext(jakarta.enterprise.context.RequestScoped.class);
        return requestContext == null ? null : request.getCurrent();
    }
}
