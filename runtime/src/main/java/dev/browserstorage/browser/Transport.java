package dev.browserstorage.browser;

/**
 * Carries a session's batches to its browser: the sync WebSocket in the Quarkus extension, a
 * recorder in {@link dev.browserstorage.testing.InMemoryBrowser}.
 *
 * <p>{@link #send} is called with the session's lock held, so that batches leave in id order; it must
 * not block and must not call back into the session on the same thread. The browser's answers come
 * back through {@link BrowserLink#acknowledge} and {@link BrowserLink#fail}.
 */
@FunctionalInterface
public interface Transport {
    /**
     * Sends one batch to the browser. A batch may be sent again after a reconnect; the browser
     * applies each id once.
     *
     * @param batch the batch
     */
    void send(WriteBatch batch);
}
