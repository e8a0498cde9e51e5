package dev.browserstorage.browser;

/**
 * Where a store finds the browser (and, for sessionStorage, the tab) it talks to. A {@link Browser}
 * or a {@link Tab} is its own source (a store bound to one browser or tab); a framework adapter
 * supplies the browser and tab of the current request instead, so that one store instance serves
 * every browser.
 */
public interface BrowserSource {
    /** @return the app's id, the prefix of every localStorage and sessionStorage key */
    String appId();

    /**
     * The browser of the current call.
     *
     * @return the browser
     * @throws IllegalStateException if there is no current browser (no request in progress)
     */
    Browser current();

    /**
     * What holds the current call's sessionStorage: the {@link Tab} the call comes from. A browser
     * used on its own is its single tab, so the default is {@link #current()}; a framework adapter
     * finds the tab the request came from.
     *
     * @return the tab, or the browser used on its own
     * @throws IllegalStateException if there is no current browser
     * @throws dev.browserstorage.NotHydratedException if the call does not say which tab it comes from
     */
    default StorageTarget currentTab() {
        return current();
    }

    /**
     * The cookies of the HTTP exchange this call is part of, if it is part of one. Cookie fields then
     * read the request's cookies and write {@code Set-Cookie} on its response.
     *
     * @return the exchange's cookies, or empty (the default) outside an HTTP exchange
     */
    default java.util.Optional<HttpCookies> httpCookies() {
        return java.util.Optional.empty();
    }

    /**
     * The keys that seal and open protected values ({@code @Signed}, {@code @Encrypted}) and where
     * refusals go: what a cookie read inside an HTTP exchange opens its value with. A browser or tab
     * answers with its own; the default asks {@link #current()}, which a framework adapter may spare
     * by answering with the app's configured protection.
     *
     * @return the protection of the current call's browser
     */
    default dev.browserstorage.protect.ValueProtection protection() {
        return current().protection();
    }

    /**
     * The clock of the current call's browser: what a sealed expiry is checked against when a cookie
     * is read inside an HTTP exchange. The default asks {@link #current()}.
     *
     * @return the clock
     */
    default java.time.Clock clock() {
        return current().clock();
    }
}
