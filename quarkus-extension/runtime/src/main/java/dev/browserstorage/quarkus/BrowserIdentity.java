package dev.browserstorage.quarkus;

import dev.browserstorage.quarkus.runtime.CurrentBrowser;
import dev.browserstorage.quarkus.runtime.IdRotation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The identity of the browser of the call in progress (an HTTP request of a browser, or a callback
 * of a WebSocket it opened).
 *
 * <p>The server gives each browser a credential in an HttpOnly cookie ({@code bs_id}, or {@code
 * __Host-bs_id} on secure pages): a public id with a tag only the server can make. {@link #id()} is
 * the public part, which server code may keep (say, against a user, to write to the browser later
 * through {@link Browsers}); it cannot be turned back into the cookie.
 *
 * <p>Rotate the id where the browser's privileges change, at login above all ({@link #rotate()}):
 * a page that managed to plant its own id in the browser beforehand (session fixation) is then left
 * with an empty session of its own.
 */
@ApplicationScoped
public class BrowserIdentity {
    private final CurrentBrowser current;
    private final IdRotation rotation;

    @Inject
    BrowserIdentity(CurrentBrowser current, IdRotation rotation) {
        this.current = current;
        this.rotation = rotation;
    }

    /**
     * The browser's public id.
     *
     * @return the id
     * @throws IllegalStateException outside a browser's HTTP request or WebSocket callback
     */
    public String id() {
        return current.browserId();
    }

    /**
     * Gives the browser of the current HTTP request a new id, keeping its server-side state: the
     * response carries the new cookie, the old id is refused from now on (a request or socket that
     * still carries it gets a fresh, empty browser), and the browser's open sockets are closed so
     * that they reconnect with the new cookie. Call it before the response starts.
     *
     * @return the browser's new public id
     * @throws IllegalStateException outside an HTTP request, or once the response has started
     */
    public String rotate() {
        return rotation.rotate();
    }
}
