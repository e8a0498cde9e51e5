package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.cookie.CookieHeader;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.websockets.next.HandshakeRequest;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import java.util.List;
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
public class CurrentBrowser implements BrowserSource {
    @Inject
    BrowserRegistry registry;

    @Inject
    BrowserStorageConfig config;

    @Inject
    BrowserIds ids;

    @Inject
    OriginCheck origins;

    @Inject
    BrowserSockets sockets;

    @Inject
    CurrentVertxRequest request;

    @Inject
    BrowserSharing sharing;

    /**
     * The connection of the websockets-next callback in progress (a session-scoped proxy). Injected,
     * not looked up, so that websockets-next activates the session context for endpoints that use
     * stores.
     */
    @Inject
    WebSocketConnection connection;

    @Override
    public String appId() {
        return registry.appId();
    }

    @Override
    public Browser current() {
        Call call = call();
        Browser browser = registry.open(call.browserId, call.anonymous).browser();
        sharing.browserReached(call.browserId, browser);
        return browser;
    }

    @Override
    public Tab currentTab() {
        Call call = call();
        Browser browser = registry.open(call.browserId, call.anonymous).browser();
        sharing.browserReached(call.browserId, browser);
        if (call.tabId == null) {
            throw new NotHydratedException("This call does not say which tab of its browser it comes from, and"
                    + " sessionStorage belongs to one tab: send the " + BrowserIds.TAB_HEADER
                    + " header with BrowserStorage.tabId(), or let the glue's " + BrowserIds.TAB_COOKIE
                    + " cookie name the tab in use");
        }
        try {
            Tab tab = browser.tab(call.tabId);
            sharing.tabReached(call.browserId, tab);
            return tab;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new NotHydratedException("This call names tab '" + call.tabId.replaceAll("[^A-Za-z0-9_-]", "?")
                    + "' of browser " + browser.browserId() + ", which cannot be used: " + e.getMessage());
        }
    }

    /**
     * The public id of the browser of the call in progress.
     *
     * @return the id
     * @throws IllegalStateException outside a browser's HTTP request or WebSocket callback
     */
    public String browserId() {
        return call().browserId;
    }

    /** Inside an HTTP request, cookie fields read its cookies and answer with Set-Cookie headers. */
    @Override
    public Optional<HttpCookies> httpCookies() {
        RoutingContext context = routingContext();
        return context == null || RequestBrowser.browserId(context) == null
                ? Optional.empty()
                : Optional.of(new VertxHttpCookies(context, ids.reservedNames()));
    }

    private Call call() {
        RoutingContext context = routingContext();
        if (context != null && RequestBrowser.browserId(context) != null) {
            return new Call(RequestBrowser.browserId(context), RequestBrowser.tabId(context), false);
        }
        WebSocketConnection connection = webSocketConnection();
        if (connection != null) {
            Call call = socketCall(connection);
            if (call != null) {
                return call;
            }
        }
        throw new IllegalStateException("No browser for this call: injected browser-storage stores work inside an HTTP"
                + " request of a browser and in the callbacks of a WebSocket it opened; elsewhere, get a browser's session"
                + " from Browsers");
    }

    /** The browser of a WebSocket callback: settled by the upgrade check, or else checked here. */
    private Call socketCall(WebSocketConnection connection) {
        String header = connection.handshakeRequest().header("Cookie");
        Map<String, String> cookies = header == null ? Map.of() : CookieHeader.parse(header);
        String tab = connection.userData().get(BrowserIds.TAB_USER_DATA_KEY);
        if (tab == null) {
            tab = cookies.get(BrowserIds.TAB_COOKIE);
        }
        String id = connection.userData().get(BrowserIds.USER_DATA_KEY);
        if (id != null) {
            return new Call(id, tab, Boolean.TRUE.equals(connection.userData().get(BrowserIds.FRESH_USER_DATA_KEY)));
        }
        // An endpoint the build did not see resolving a browser (it reaches a store through another bean).
        HandshakeRequest handshake = connection.handshakeRequest();
        String origin = handshake.header("Origin");
        boolean secure = "https".equalsIgnoreCase(handshake.scheme()) || "wss".equalsIgnoreCase(handshake.scheme());
        if (origin != null
                && !sockets.crossOrigin(connection.endpointId())
                && !origins.isAllowed(origin, secure, handshake.header("Host"))) {
            throw new IllegalStateException("WebSocket endpoint " + connection.endpointId() + " was opened by a page of"
                    + " origin " + origin + ", neither the server's own nor in quarkus.browser-storage.allowed-origins:"
                    + " browser-storage resolves no browser for it. Allow the origin, or mark the endpoint"
                    + " @AllowCrossOrigin if it authenticates its clients some other way");
        }
        List<String> values =
                CookieHeader.valuesOf(header == null ? List.of() : List.of(header), ids.cookieName(secure));
        String verified = values.size() == 1 ? ids.verify(values.get(0)) : null;
        return verified == null || registry.isRetired(verified) ? null : new Call(verified, tab, false);
    }

    private RoutingContext routingContext() {
        InjectableContext requestContext = Arc.container().getActiveContext(RequestScoped.class);
        return requestContext == null ? null : request.getCurrent();
    }

    /** The websockets-next connection whose callback is running, if one is. */
    private WebSocketConnection webSocketConnection() {
        return Arc.container().getActiveContext(SessionScoped.class) == null ? null : connection;
    }

    private record Call(String browserId, String tabId, boolean anonymous) {}
}
