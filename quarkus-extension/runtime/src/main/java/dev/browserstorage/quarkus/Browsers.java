package dev.browserstorage.quarkus;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The server's copies of the browsers of this app, by the browser's public id: the way to reach
 * a browser where no request of it is in progress (a scheduled job, a message consumer).
 *
 * <p>A browser's public id is not its credential: its id cookie carries the id with a tag only the
 * server can make, so an id an application keeps (say, against a user, to push to later) cannot be
 * turned into the cookie. A request's or a socket's browser id comes from {@link BrowserIdentity#id()}.
 * A session's {@link Browser#browserId()} is neither: it is a random label for log lines and
 * messages.
 */
@ApplicationScoped
public class Browsers {
    private final BrowserRegistry registry;

    @Inject
    Browsers(BrowserRegistry registry) {
        this.registry = registry;
    }

    /** @return the app's id, the prefix of its storage keys */
    public String appId() {
        return registry.appId();
    }

    /**
     * The server's copy of a browser, made if it has none yet (not hydrated until its glue connects).
     *
     * @param browserId the browser's public id
     * @return the browser
     * @throws dev.browserstorage.StorageUnavailableException if the server already holds {@code
     *     quarkus.browser-storage.max-browsers} sessions, all of them connected
     */
    public Browser get(String browserId) {
        return registry.browser(browserId);
    }

    /**
     * The server's copy of a browser, if it has one.
     *
     * @param browserId the browser's public id
     * @return the browser
     */
    public Optional<Browser> find(String browserId) {
        return registry.find(browserId);
    }

    /** @return how many browsers the server holds */
    public int size() {
        return registry.size();
    }
}
