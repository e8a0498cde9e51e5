package dev.browserstorage.quarkus.runtime.sharing;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * How this node shares the app's browsers with the app's other nodes. The extension's own bean
 * ({@link AloneSharing}) shares nothing: one node holds everything. The scale-out module ({@code
 * quarkus-browser-storage-redis}) replaces it so that any node can read, write and listen to a
 * browser whose socket is on another node.
 *
 * <p><strong>Internal:</strong> an SPI between the extension and its scale-out module, not for
 * applications. Every method is called on an event loop or a worker and must not block.
 */
public interface BrowserSharing {
    /** @return false when this node holds its browsers alone (and the other methods do nothing) */
    boolean isShared();

    /**
     * The registry made the copy of a browser that the app's code reads and writes (not hydrated).
     *
     * @param publicId the browser's public id
     * @param browser the copy
     */
    void browserMade(String publicId, Browser browser);

    /**
     * The app's code reached a browser's copy (a store of a request or socket callback, {@code
     * Browsers}): a shared copy that has not read what the browser holds starts reading it (called
     * each time: a copy that has read it is left as it is).
     *
     * @param publicId the browser's public id
     * @param browser the copy
     */
    void browserReached(String publicId, Browser browser);

    /**
     * The app's code reached a tab of a browser's copy (called each time: an attached tab is left as it is).
     *
     * @param publicId the browser's public id
     * @param tab the tab
     */
    void tabReached(String publicId, Tab tab);

    /**
     * A browser's id was rotated ({@code BrowserIdentity}): its copy here now answers to the new id,
     * and its writes from now on (and those still on their way) must go under it.
     *
     * @param oldId the public id it had
     * @param newId its new public id
     * @param browser the copy
     */
    void browserRekeyed(String oldId, String newId, Browser browser);

    /**
     * Whether the registry must keep a copy it would otherwise drop as idle.
     *
     * @param browser the copy
     * @return true while it is connected or has writes on their way
     */
    boolean isBusy(Browser browser);

    /**
     * The label of a browser's copy ({@link Browser#browserId()}): what log lines and commit URLs
     * name it by. Nodes that share a browser must give it the same label.
     *
     * @param publicId the browser's public id
     * @return the label, which tells nothing about the id
     */
    String label(String publicId);

    /**
     * A sync socket of a browser opened on this node: which node serves it.
     *
     * @param publicId the browser's public id
     * @param connectionId the socket's id, unique on this node
     * @param origin the handshake's {@code Origin}, or {@code null}
     * @return completes with the route; fails with {@link dev.browserstorage.StorageUnavailableException}
     *     when the nodes cannot agree now (the socket is closed with "try again later")
     */
    CompletionStage<SocketRoute> route(String publicId, String connectionId, String origin);

    /**
     * A secret the nodes must share (the browser-id key, the commit-URL key) when the app does not
     * configure it.
     *
     * @param name the secret's name
     * @return the shared secret, or empty for a random one of this node
     */
    Optional<byte[]> sharedSecret(String name);

    /**
     * A commit URL of an HttpOnly cookie was minted on this node: keep its waiting value where any
     * node can {@link #takeCommit take} it, for as long as the URL is valid, since the glue's POST
     * may reach another node. Fire and forget: returns at once, and a value the store could not
     * keep is simply not found elsewhere. A {@link #takeCommit} of the same nonce on this node
     * reaches the store after this call.
     *
     * @param nonce the URL's nonce, random
     * @param entry the waiting value, opaque to the store
     * @param ttlMillis how long the store keeps it
     */
    void commitMinted(String nonce, String entry, long ttlMillis);

    /**
     * Takes a commit another node (or this one) {@link #commitMinted minted}, atomically: of
     * concurrent takes on any nodes, at most one gets the value.
     *
     * @param nonce the URL's nonce
     * @return completes with the waiting value, or empty if none waits under the nonce (used,
     *     given up, expired, or not there yet); fails with {@link
     *     dev.browserstorage.StorageUnavailableException} when the shared store cannot answer now
     */
    CompletionStage<Optional<String>> takeCommit(String nonce);
}
