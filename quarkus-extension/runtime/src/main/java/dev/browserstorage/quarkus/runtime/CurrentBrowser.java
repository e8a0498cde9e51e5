package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.protocol.SyncConnection;
import dev.browserstorage.quarkus.BrowserSessions;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.HttpCookies;
import dev.browserstorage.session.SessionSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * The browser of the call in progress: what injected stores read and write. Inside an HTTP request
 * it is found through the browser-id cookie; inside a callback of one of the app's own
 * websockets-next endpoints, through the cookies of that socket's handshake.
 *
 * <p>The tab (whose session holds the tab's sessionStorage) is the one the request names in the
 * {@code X-Browser-Storage-Tab} header, or else the one in the {@code __bs_tab} cookie, where the
 * glue names the tab the user last used.
 */
@ApplicationScoped
public class CurrentBrowser implements SessionSource {
    @Inject
    BrowserSessions sessions;

    @Inject
    BrowserStorageConfig config;

    @Inject
    CurrentVertxRequest request;

    /**
     * The connection of the websockets-next callback in progress (a session-scoped proxy). Injected,
     * not looked up, so that websockets-next activates the session context for endpoints that use
     * stores.
     */
    @Inject
    WebSocketConnection connection;

    @Override
    public String appId() {
        return sessions.appId();
    }

    @Override
    public BrowserSession current() {
        return sessions.session(call().browserId);
    }

    @Override
    public BrowserSession currentTab() {
        Call call = call();
        if (call.tabId == null) {
            throw new NotHydratedException("This call does not say which tab of browser " + call.browserId
                    + " it comes from, and sessionStorage belongs to one tab: send the " + BrowserIds.TAB_HEADER
                    + " header with BrowserStorage.tabId(), or let the glue's " + BrowserIds.TAB_COOKIE
                    + " cookie name the tab in use");
        }
        try {
            return sessions.session(call.browserId).tab(call.tabId);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NotHydratedException("This call names tab '" + call.tabId.replaceAll("[^A-Za-z0-9_-]", "?")
                    + "' of browser " + call.browserId + ", which cannot be used: " + e.getMessage());
        }
    }

    /** Inside an HTTP request, cookie fields read its cookies and answer with Set-Cookie headers. */
    @Override
    public Optional<HttpCookies> httpCookies() {
        RoutingContext context = routingContext();
        return context == null || RequestBrowser.browserId(context) == null ? Optional.empty()
                : Optional.of(new VertxHttpCookies(context, java.util.Set.of(config.browserIdCookie(), BrowserIds.TAB_COOKIE)));
    }

    private Call call() {
        RoutingContext context = routingContext();
        if (context != null && RequestBrowser.browserId(context) != null) {
            return new Call(RequestBrowser.browserId(context), RequestBrowser.tabId(context));
        }
        WebSocketConnection connection = webSocketConnection();
        if (connection != null) {
            // The sync socket knows its browser (settled in the upgrade check) and, after the hello, its tab.
            String header = connection.handshakeRequest().header("Cookie");
            Map<String, String> cookies = header == null ? Map.of() : SyncConnection.parseCookieHeader(header);
            String id = connection.userData().get(BrowserIds.USER_DATA_KEY);
            if (id == null) {
                id = BrowserIds.fromCookieHeader(header, config.browserIdCookie());
            }
            String tab = connection.userData().get(BrowserIds.TAB_USER_DATA_KEY);
            if (id != null) {
                return new Call(id, tab != null ? tab : cookies.get(BrowserIds.TAB_COOKIE));
            }
        }
        throw new IllegalStateException("No browser for this call: injected browser-storage stores work inside an HTTP"
                + " request of a browser and in the callbacks of a WebSocket it opened; elsewhere, get a browser's session"
                + " from BrowserSessions");
    }

    private RoutingContext routingContext() {
        InjectableContext requestContext = Arc.container().getActiveContext(RequestScoped.class);
        return requestContext == null ? null : request.getCurrent();
    }

    /** The websockets-next connection whose callback is running, if one is. */
    private WebSocketConnection webSocketConnection() {
        return Arc.container().getActiveContext(SessionScoped.class) == null ? null : connection;
    }

    private record Call(String browserId, String tabId) {}
}
