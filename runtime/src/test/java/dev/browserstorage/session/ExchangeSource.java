package dev.browserstorage.session;

import java.util.Optional;

/**
 * For tests: every call happens inside one HTTP exchange of one browser, as a framework adapter's
 * source answers while it handles that browser's request.
 *
 * @param session the browser's session
 * @param exchange the exchange's cookies
 */
public record ExchangeSource(BrowserSession session, HttpCookies exchange) implements SessionSource {
    @Override
    public String appId() {
        return session.appId();
    }

    @Override
    public BrowserSession current() {
        return session;
    }

    @Override
    public Optional<HttpCookies> httpCookies() {
        return Optional.of(exchange);
    }
}
