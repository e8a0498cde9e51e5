package dev.browserstorage.browser;

import java.util.Optional;

/**
 * For tests: every call happens inside one HTTP exchange of one browser, as a framework adapter's
 * source answers while it handles that browser's request.
 *
 * @param session the browser's session
 * @param exchange the exchange's cookies
 */
public record ExchangeSource(Browser session, HttpCookies exchange) implements BrowserSource {
    @Override
    public String appId() {
        return session.appId();
    }

    @Override
    public Browser current() {
        return session;
    }

    @Override
    public Optional<HttpCookies> httpCookies() {
        return Optional.of(exchange);
    }
}
