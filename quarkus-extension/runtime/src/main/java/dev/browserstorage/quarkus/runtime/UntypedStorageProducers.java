package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.untyped.BrowserLocalStorage;
import dev.browserstorage.untyped.BrowserSessionStorage;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the untyped storage APIs injectable, bound to the current request's browser. */
@Singleton
public class UntypedStorageProducers {

    @Produces
    @Singleton
    BrowserLocalStorage localStorage(CurrentBrowser browser) {
        return new BrowserLocalStorage(browser);
    }

    @Produces
    @Singleton
    BrowserSessionStorage sessionStorage(CurrentBrowser browser) {
        return new BrowserSessionStorage(browser);
    }
}
