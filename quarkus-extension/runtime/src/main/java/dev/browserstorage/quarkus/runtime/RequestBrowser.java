package dev.browserstorage.quarkus.runtime;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Which browser and tab an HTTP request comes from, as the extension's filter and the glue mark
 * them. Internal to the extension: applications inject stores or {@code PageScripts}.
 */
public final class RequestBrowser {
    private RequestBrowser() {}

    /**
     * The browser id the extension's filter settled for a request.
     *
     * @param context the request
     * @return the id, or {@code null} where the filter did not run (a WebSocket upgrade)
     */
    public static String browserId(RoutingContext context) {
        return context.get(BrowserIds.CONTEXT_KEY);
    }

    /**
     * Whether a request's browser id was issued by the request itself: the browser is new to the
     * app, and no server holds anything of it yet.
     *
     * @param context the request
     * @return true for a fresh id
     */
    public static boolean isFresh(RoutingContext context) {
        return Boolean.TRUE.equals(context.get(BrowserIds.FRESH_CONTEXT_KEY));
    }

    /**
     * The tab a request names: the {@code X-Browser-Storage-Tab} header, or else the glue's
     * {@code __bs_tab} cookie. Not checked: it is only a name to look a tab up by.
     *
     * @param context the request
     * @return the tab id, or {@code null} if the request names none
     */
    public static String tabId(RoutingContext context) {
        String tab = context.request().getHeader(BrowserIds.TAB_HEADER);
        Cookie cookie = context.request().getCookie(BrowserIds.TAB_COOKIE);
        return tab != null || cookie == null ? tab : cookie.getValue();
    }
}
