package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.DisconnectedException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.HydrationStep;
import dev.browserstorage.browser.RefusedChangeException;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The copies of browsers the app's code reads and writes on this node (the registry's). Each reads
 * what the browser holds from the state in Redis, hears every change through the broadcast channel,
 * and sends its writes through the browser's outbox, whichever node owns it: a write completes when
 * the owner says the browser applied it, and fails with the same typed error the owner got.
 */
final class Replicas {
    private static final Logger LOG = Logger.getLogger(Replicas.class);

    /** A write on its way, by request number. */
    private record Waiting(StorageTarget target, long batchId) {}

    private final RedisLink link;
    private final BrowserRegistry registry;
    private final Vertx vertx;
    private final long ttlMillis;
    private final int maxOutbox;
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentHashMap<Long, Waiting> waiting = new ConcurrentHashMap<>();
    /** Readings of the state in progress, by browser: one at a time. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();

    Replicas(RedisLink link, BrowserRegistry registry, Vertx vertx, long ttlMillis, int maxOutbox) {
        this.link = link;
        this.registry = registry;
        this.vertx = vertx;
        this.ttlMillis = ttlMillis;
        this.maxOutbox = maxOutbox;
    }

    /** @return how many writes made here wait for their browser */
    int waiting() {
        return waiting.size();
    }

    /**
     * The registry made a copy: its writes go to the outbox. It reads the state when the app's code
     * first reaches it ({@link #ready}, {@link #read}), not before: a copy made for a socket whose
     * browser this node owns holds nothing until then.
     */
    void made(String publicId, Browser browser) {
        browser.link().connect(batch -> enqueue(publicId, null, browser, batch));
    }

    /**
     * The app's code reached a tab: its writes go to the outbox too, until they are answered (then
     * the tab is disconnected again, so that an idle tab can make room for another).
     */
    void tabReached(String publicId, Tab tab) {
        if (!tab.isConnected()) {
            tab.link().connect(batch -> enqueue(publicId, tab.tabId(), tab, batch));
        }
    }

    /**
     * A copy's browser has a new id: its writes go to the new id's outbox from now on, and those
     * still waiting are sent there again (the page skips, by its token, one it gets twice).
     */
    void rekeyed(String newId, Browser browser) {
        browser.link().disconnect();
        browser.link().connect(batch -> enqueue(newId, null, browser, batch));
        for (String tabId : browser.tabIds()) {
            browser.findTab(tabId).filter(Tab::isConnected).ifPresent(tab -> {
                tab.link().disconnect();
                tab.link().connect(batch -> enqueue(newId, tab.tabId(), tab, batch));
            });
        }
    }

    /**
     * Makes sure the copy of a browser (and the tab a request names) has read the state once.
     *
     * @return completes when it has, or when Redis could not answer (reads then say the browser is not hydrated)
     */
    CompletionStage<Void> ready(String publicId, String tabId) {
        Browser browser = registry.browser(publicId);
        boolean tabReady = true;
        if (tabId != null) {
            try {
                Tab tab = browser.tab(tabId);
                tabReached(publicId, tab);
                tabReady = tab.isHydrated();
            } catch (RuntimeException e) {
                // A malformed or surplus tab: the request's own code will say so.
            }
        }
        if (browser.isHydrated() && tabReady) {
            return CompletableFuture.completedFuture(null);
        }
        return read(publicId);
    }

    /** Reads a browser's state into its copy and tabs (if Redis has it). */
    CompletionStage<Void> read(String publicId) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = reading.putIfAbsent(publicId, mine);
        if (running != null) {
            return running;
        }
        link.call(Request.cmd(Command.HGETALL).arg(link.browserKey(publicId, "state")))
                .whenComplete((response, failure) -> {
                    reading.remove(publicId, mine);
                    if (failure == null) {
                        registry.peek(publicId).ifPresent(browser -> hydrate(browser, response));
                    } else {
                        LOG.debugf("Could not read the state of a browser: %s", failure.getMessage());
                        registry.peek(publicId).ifPresent(browser -> {
                            String why = "the app's servers cannot reach the store they share (Redis) now";
                            browser.link().unavailable(why);
                            browser.tabIds()
                                    .forEach(tab -> browser.findTab(tab)
                                            .ifPresent(one -> one.link().unavailable(why)));
                        });
                    }
                    mine.complete(null);
                });
        return mine;
    }

    private static void hydrate(Browser browser, Response state) {
        if (state == null || state.size() == 0) {
            return;
        }
        Map<String, String> local = new HashMap<>();
        Map<String, String> cookies = new HashMap<>();
        Map<String, Map<String, String>> sessions = new HashMap<>();
        URI page = null;
        for (String field : state.getKeys()) {
            String value = state.get(field).toString();
            if (field.equals("page")) {
                page = URI.create(value);
            } else if (field.startsWith("l:")) {
                local.put(field.substring(2), value);
            } else if (field.startsWith("c:")) {
                cookies.put(field.substring(2), value);
            } else if (field.startsWith("s:")) {
                int colon = field.indexOf(':', 2);
                if (colon > 0) {
                    sessions.computeIfAbsent(field.substring(2, colon), tab -> new HashMap<>())
                            .put(field.substring(colon + 1), value);
                }
            }
        }
        try {
            browser.link().hydrate(new Snapshot(page, local, Map.of(), cookies));
            for (String tabId : browser.tabIds()) {
                Optional<Tab> tab = browser.findTab(tabId);
                if (tab.isPresent()) {
                    tab.get()
                            .link()
                            .hydrate(new Snapshot(page, Map.of(), sessions.getOrDefault(tabId, Map.of()), Map.of()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not take the shared state of browser %s: %s", browser.browserId(), e.getMessage());
        }
    }

    /**
     * Runs the stores' upkeep (migrations, values sealed again with the newest key) on what a
     * hello brought the owner, on a copy of its own that no one else reads: its writes go through
     * the outbox as every node's do, so the owner delivers them under the outbox's ids, and once the
     * browser applied them the state and every node's copy have them. The owner's copy itself
     * never writes: its batch ids are the outbox's.
     *
     * @param publicId the browser's public id
     * @param owned the owner's copy, hydrated by the hello
     * @param tab the hello's tab
     * @param upkeep the upkeep
     */
    void upkeep(String publicId, Browser owned, Tab tab, HydrationStep upkeep) {
        Browser copy = registry.newCopy(publicId);
        copy.link().connect(batch -> enqueue(publicId, null, copy, batch));
        Tab copyTab = copy.tab(tab.tabId());
        copyTab.link().connect(batch -> enqueue(publicId, tab.tabId(), copyTab, batch));
        URI page = owned.pageUrl().orElse(null);
        // As a hello hydrates a copy: the browser's areas, then the tab's, each followed by its upkeep.
        copy.link()
                .hydrate(new Snapshot(
                        page, owned.entries(StorageArea.LOCAL), Map.of(), owned.entries(StorageArea.COOKIE)));
        upkeep.hydrated(copy);
        copyTab.link().hydrate(new Snapshot(page, Map.of(), tab.entries(StorageArea.SESSION), Map.of()));
        upkeep.tabHydrated(copyTab);
    }

    /** Redis came back: what every copy read may be stale. */
    void rereadAll() {
        registry.publicIds().forEach(this::read);
    }

    private void enqueue(String publicId, String tabId, StorageTarget target, WriteBatch batch) {
        long request = requests.incrementAndGet();
        waiting.put(request, new Waiting(target, batch.id()));
        ObjectNode entry = WireWrites.JSON.createObjectNode();
        entry.put("o", link.nodeId()).put("r", request).put("t", tabId).put("k", batch.token());
        entry.set("w", WireWrites.toJson(batch.writes()));
        link.eval(
                        Scripts.ENQUEUE,
                        List.of(
                                link.browserKey(publicId, "out"),
                                link.browserKey(publicId, "seq"),
                                link.browserKey(publicId, "owner")),
                        List.of(
                                entry.toString(),
                                Integer.toString(maxOutbox),
                                Long.toString(ttlMillis),
                                link.nodeChannelPrefix(),
                                publicId))
                .whenComplete((response, failure) -> {
                    LOG.debugf(
                            "Write %d of browser %s: outbox id %s",
                            request, target.browserId(), failure != null ? failure.getMessage() : response);
                    if (failure != null) {
                        answer(request, WireErrors.typed(failure));
                    } else if (response.toLong() < 0) {
                        answer(
                                request,
                                new DisconnectedException("The browser has " + maxOutbox
                                        + " writes waiting for it on the app's servers; no more may wait"));
                    }
                });
    }

    /** Completes a write made here: acknowledged ({@code error} null) or failed. */
    private void answer(long request, BrowserStorageException error) {
        Waiting one = waiting.remove(request);
        if (one == null) {
            return;
        }
        // Off the Redis callback: listeners of the app run when a write completes.
        vertx.runOnContext(ignored -> {
            if (error == null) {
                one.target().link().acknowledge(one.batchId());
            } else {
                one.target().link().fail(one.batchId(), error);
            }
            if (one.target() instanceof Tab tab && tab.pendingBatchIds().isEmpty()) {
                tab.link().disconnect();
            }
        });
    }

    /** A message of the owner (a result) or of any node (changes, refresh). */
    void onMessage(JsonNode message) {
        switch (message.path("k").asText()) {
            case "result" ->
                answer(
                        message.path("r").asLong(),
                        message.hasNonNull("e") ? WireErrors.fromJson(message.get("e")) : null);
            case "changes" -> changes(message);
            case "refresh" -> {
                // Only a copy that has read the state reads it again: one the app's code has not
                // reached yet (the copy made for a socket on the owner) stays empty until it is.
                String publicId = message.path("b").asText();
                if (registry.peek(publicId).filter(Browser::isHydrated).isPresent()) {
                    read(publicId);
                }
            }
            default -> LOG.debugf("Unknown message %s", message.path("k").asText());
        }
    }

    private void changes(JsonNode message) {
        Optional<Browser> browser = registry.peek(message.path("b").asText());
        if (browser.isEmpty() || !browser.get().isHydrated()) {
            return;
        }
        String tabId = message.path("t").isTextual() ? message.path("t").asText() : null;
        StorageTarget target =
                tabId == null ? browser.get() : browser.get().findTab(tabId).orElse(null);
        if (target == null || !target.isHydrated()) {
            return;
        }
        for (Write write : WireWrites.fromJson(message.path("w"))) {
            try {
                target.link().browserChanged(write.area(), write.key(), write.value());
            } catch (RefusedChangeException e) {
                LOG.debugf("A shared change was refused here: %s", e.getMessage());
            }
        }
    }
}
