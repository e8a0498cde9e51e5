package dev.browserstorage.quarkus.redis;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browsers this node owns: those whose sockets reached it first, each an {@link OwnedBrowser}
 * with a copy that only its sockets (here or relayed from other nodes) and its outbox drive. The owner delivers the outbox in
 * id order once a socket's hello says what the browser already applied, settles each batch when
 * the browser answers (removing it, updating the state every node reads, answering the node that
 * made it, telling every node what changed, in one script), and mirrors the browser's own changes.
 * Every step names the owner's epoch: a node that lost the browser is fenced off and lets go.
 */
final class Owners {
    /** Close code for a socket whose browser moved to another node: the glue reconnects (RFC 6455: service restart). */
    static final int CLOSE_MOVED = 1012;

    final RedisLink link;
    private final BrowserRegistry registry;
    final long ttlMillis;
    private final ConcurrentHashMap<String, OwnedBrowser> owned = new ConcurrentHashMap<>();
    /** Runs the stores' upkeep on what a hello brought, once the state shows it. */
    final Upkeep upkeep;

    Owners(RedisLink link, BrowserRegistry registry, long ttlMillis, Upkeep upkeep) {
        this.link = link;
        this.registry = registry;
        this.ttlMillis = ttlMillis;
        this.upkeep = upkeep;
    }

    /** The stores' upkeep of a browser whose hello reached its owner. */
    @FunctionalInterface
    interface Upkeep {
        /**
         * @param publicId the browser's public id
         * @param copy the owner's copy, hydrated by the hello
         * @param tab the hello's tab, hydrated by it
         */
        void hydrated(String publicId, Browser copy, Tab tab);
    }

    /** @return the browser this node owns, if it does */
    OwnedBrowser find(String publicId) {
        OwnedBrowser one = owned.get(publicId);
        return one == null || one.dropped ? null : one;
    }

    /** @return how many browsers this node owns */
    int size() {
        return owned.size();
    }

    /**
     * Claims a browser for a socket: completes with this node's copy, or with the owner's "node|epoch"
     * when another live node holds it.
     */
    CompletionStage<Object> claim(String publicId) {
        OwnedBrowser known = find(publicId);
        if (known != null) {
            known.sockets.incrementAndGet();
            return CompletableFuture.completedFuture(known);
        }
        return link.eval(
                        Scripts.CLAIM,
                        List.of(key(publicId, "owner"), key(publicId, "epoch")),
                        List.of(link.nodeId(), link.nodeKeyPrefix(), Long.toString(ttlMillis)))
                .thenApply(response -> {
                    String owner = response.toString();
                    if (!owner.startsWith(link.nodeId() + "|")) {
                        return owner;
                    }
                    OwnedBrowser one = owned.compute(
                            publicId,
                            (id, old) -> old != null && !old.dropped && old.owner.equals(owner)
                                    ? old
                                    : new OwnedBrowser(this, id, owner, registry.newCopy(id)));
                    one.sockets.incrementAndGet();
                    return one;
                });
    }

    /** Redis came back: every owned browser checks it is still its own, mirrors what it holds, and delivers. */
    void resume() {
        owned.values()
                .forEach(one -> link.eval(
                                Scripts.CLAIM,
                                List.of(key(one.publicId, "owner"), key(one.publicId, "epoch")),
                                List.of(link.nodeId(), link.nodeKeyPrefix(), Long.toString(ttlMillis)))
                        .whenComplete((response, failure) -> {
                            if (failure != null) {
                                return;
                            }
                            if (!one.owner.equals(response.toString())) {
                                one.drop("another node took the browser over while Redis was away");
                                return;
                            }
                            one.copy
                                    .tabIds()
                                    .forEach(tab -> one.copy.findTab(tab).ifPresent(one::mirrorAll));
                            one.fetch();
                        }));
    }

    /**
     * The node is stopping: every owned browser is given up in Redis first, then its sockets are
     * closed, so that they reconnect at once to a node that can claim it.
     */
    void releaseAll() {
        owned.values().forEach(one -> {
            link.eval(Scripts.RELEASE, List.of(key(one.publicId, "owner")), List.of(one.owner));
            one.drop("the server is stopping");
        });
    }

    String key(String publicId, String part) {
        return link.browserKey(publicId, part);
    }

    /** An owned browser let go: no longer this node's. */
    void forget(String publicId, OwnedBrowser one) {
        owned.remove(publicId, one);
    }

    /** State hash field of a key: {@code l:<key>}, {@code c:<name>}, {@code s:<tab>:<key>}. */
    static String field(StorageArea area, String tabId, String key) {
        return switch (area) {
            case LOCAL -> "l:" + key;
            case COOKIE -> "c:" + key;
            case SESSION -> "s:" + tabId + ":" + key;
        };
    }
}
