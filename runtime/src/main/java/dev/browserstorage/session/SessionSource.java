package dev.browserstorage.session;

/**
 * Where a store finds the browser it talks to. A {@link BrowserSession} is its own source (a store
 * bound to one browser); a framework adapter supplies the browser of the current request instead,
 * so that one store instance serves every browser.
 */
public interface SessionSource {
    /** @return the app's id, the prefix of every localStorage and sessionStorage key */
    String appId();

    /**
     * The browser of the current call.
     *
     * @return its session
     * @throws IllegalStateException if there is no current browser (no request in progress)
     */
    BrowserSession current();

    /**
     * The cookies of the HTTP exchange this call is part of, if it is part of one. Cookie fields then
     * read the request's cookies and write {@code Set-Cookie} on its response.
     *
     * @return the exchange's cookies, or empty (the default) outside an HTTP exchange
     */
    default java.util.Optional<HttpCookies> httpCookies() {
        return java.util.Optional.empty();
    }
}
