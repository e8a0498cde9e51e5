package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.untyped.BrowserCookies;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes {@link BrowserCookies} injectable, bound to the current request's (or socket's) browser. */
@Singleton
public class BrowserCookiesProducer {

    @Produces
    @Singleton
    BrowserCookies cookies(CurrentBrowser browser) {
        return new BrowserCookies(browser);
    }
}
