package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.SetCookieHeader;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The cookies of one Vert.x HTTP exchange; writes are remembered so later reads in it see them. */
final class VertxHttpCookies implements HttpCookies {
    private static final String WRITTEN = "dev.browserstorage.cookies-written";

    private final RoutingContext context;
    /** The extension's own cookies (the browser id, the tab), which are no app's business. */
    private final java.util.Set<String> own;

    VertxHttpCookies(RoutingContext context) {
        this(context, java.util.Set.of());
    }

    VertxHttpCookies(RoutingContext context, java.util.Set<String> own) {
        this.context = context;
        this.own = own;
    }

    @Override
    public java.util.SortedMap<String, String> cookies() {
        java.util.SortedMap<String, String> cookies = new java.util.TreeMap<>();
        for (Cookie cookie : context.request().cookies()) {
            if (!own.contains(cookie.getName())) {
                cookies.putIfAbsent(cookie.getName(), cookie.getValue());
            }
        }
        written().forEach((name, value) -> {
            if (value.isPresent()) {
                cookies.put(name, value.get());
            } else {
                cookies.remove(name);
            }
        });
        return cookies;
    }

    @Override
    public URI requestUrl() {
        return URI.create(context.request().absoluteURI());
    }

    @Override
    public Optional<String> cookie(String name) {
        Map<String, Optional<String>> written = written();
        if (written.containsKey(name)) {
            return written.get(name);
        }
        Cookie cookie = context.request().getCookie(name);
        return cookie == null ? Optional.empty() : Optional.of(cookie.getValue());
    }

    @Override
    public void setCookie(String name, String value, CookieOptions options) {
        addHeader(SetCookieHeader.format(name, value, options));
        written().put(name, Optional.of(value));
    }

    @Override
    public void deleteCookie(String name, CookieOptions options) {
        addHeader(SetCookieHeader.formatDeletion(name, options));
        written().put(name, Optional.empty());
    }

    private void addHeader(String setCookie) {
        if (context.response().headWritten()) {
            throw new IllegalStateException(
                    "The response's headers are already sent, so it cannot set a cookie any more:"
                            + " write cookies before the response starts");
        }
        context.response().headers().add("Set-Cookie", setCookie);
    }

    private Map<String, Optional<String>> written() {
        Map<String, Optional<String>> written = context.get(WRITTEN);
        if (written == null) {
            written = new HashMap<>();
            context.put(WRITTEN, written);
        }
        return written;
    }
}
