package dev.browserstorage.quarkus.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.protocol.SyncConnection;
import dev.browserstorage.quarkus.runtime.sharing.SocketRoute;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One browser this node owns ({@link Owners}): the copy only its sockets and its outbox drive, what
 * its sockets' hellos said, the outbox entries on their way, and the steps that mirror, deliver and
 * settle, each fenced by the owner's {@code node|epoch}.
 */
final class OwnedBrowser implements SocketRoute.OwnedSocket {
    private static final Logger LOG = Logger.getLogger(OwnedBrowser.class);

    private final Owners owners;
    private final RedisLink link;
    private final long ttlMillis;

    final String publicId;
    /** "node|epoch": the fencing token of every step. */
    final String owner;

    final Browser copy;
    final AtomicInteger sockets = new AtomicInteger();
    volatile boolean dropped;
    /** Outbox ids delivered or being settled: a later fetch skips them. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    /** The sockets' ways to be closed, for when this node lets the browser go. */
    private final Map<SyncConnection, SocketRoute.Closer> closers = new ConcurrentHashMap<>();

    // Guarded by this: an outbox read in progress, the entries handed over meanwhile, another read asked for.
    private boolean fetching;
    private final List<String> offered = new ArrayList<>();
    private boolean fetchAgain;

    // Guarded by this: what the hellos said.
    private boolean browserHello;
    private long browserApplied = -1;
    private final Map<Long, BrowserStorageException> browserFailed = new HashMap<>();
    private final Map<String, Long> tabApplied = new HashMap<>();
    private final Map<String, Map<Long, BrowserStorageException>> tabFailed = new HashMap<>();

    OwnedBrowser(Owners owners, String publicId, String owner, Browser copy) {
        this.owners = owners;
        this.link = owners.link;
        this.ttlMillis = owners.ttlMillis;
        this.publicId = publicId;
        this.owner = owner;
        this.copy = copy;
        copy.addPrefixListener(StorageArea.LOCAL, "", change -> mirror(null, change));
        copy.addPrefixListener(StorageArea.COOKIE, "", change -> mirror(null, change));
    }

    @Override
    public void opened(SyncConnection connection, SocketRoute.Closer closer) {
        closers.put(connection, closer);
    }

    @Override
    public CompletionStage<Void> helloAccepted(SyncConnection connection) {
        Tab tab = connection.tab().orElseThrow();
        SyncConnection.Resumed resumed = connection.resumed().orElseThrow();
        boolean firstOfTab;
        synchronized (this) {
            browserHello = true;
            browserApplied = Math.max(browserApplied, resumed.applied());
            browserFailed.putAll(resumed.failed());
            firstOfTab = !tabApplied.containsKey(tab.tabId());
            tabApplied.merge(tab.tabId(), resumed.tabApplied(), Math::max);
            tabFailed.computeIfAbsent(tab.tabId(), id -> new HashMap<>()).putAll(resumed.tabFailed());
        }
        if (firstOfTab) {
            tab.addPrefixListener(StorageArea.SESSION, "", change -> mirror(tab.tabId(), change));
        }
        CompletionStage<Void> stored = mirrorAll(tab);
        fetch();
        // After the state shows the hello: the upkeep's writes, settled later, then go over it.
        stored.whenComplete((ok, failure) -> {
            if (!dropped) {
                try {
                    owners.upkeep.hydrated(publicId, copy, tab);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "The stores' upkeep of browser %s failed", copy.browserId());
                }
            }
        });
        return stored;
    }

    @Override
    public void closed(SyncConnection connection) {
        closers.remove(connection);
        if (sockets.decrementAndGet() <= 0) {
            release();
        }
    }

    /** The page changed a key by itself: every node learns it, and the state shows it. */
    private void mirror(String tabId, StorageChange change) {
        if (change.source() != ChangeSource.BROWSER || dropped) {
            return;
        }
        List<String> ops = new ArrayList<>();
        String field = Owners.field(change.area(), tabId, change.key());
        if (change.newValue() == null) {
            ops.addAll(List.of("D", field, ""));
        } else {
            ops.addAll(List.of("S", field, change.newValue()));
        }
        ObjectNode message = WireWrites.JSON.createObjectNode();
        message.put("k", "changes").put("b", publicId).put("t", tabId);
        message.set(
                "w",
                WireWrites.toJson(List.of(new Write(change.area(), change.key(), change.newValue(), null)).stream()
                        .map(write -> write.area() == StorageArea.COOKIE ? cookieChange(write) : write)
                        .toList()));
        settle("", "", "", message.toString(), ops);
    }

    /** A cookie change as a write: its attributes are not known here, the default ones stand in. */
    private Write cookieChange(Write write) {
        return new Write(
                StorageArea.COOKIE, write.key(), write.value(), dev.browserstorage.cookie.CookieOptions.defaults());
    }

    /** Puts what the browser (and one tab) hold in the state, and tells every node to read it again. */
    CompletionStage<Void> mirrorAll(Tab tab) {
        if (dropped) {
            return CompletableFuture.completedFuture(null);
        }
        List<String> ops = new ArrayList<>(List.of("X", "l:", "", "X", "c:", "", "X", "s:" + tab.tabId() + ":", ""));
        copy.pageUrl().ifPresent(page -> ops.addAll(List.of("S", "page", page.toString())));
        copy.entries(StorageArea.LOCAL).forEach((key, value) -> ops.addAll(List.of("S", "l:" + key, value)));
        copy.entries(StorageArea.COOKIE).forEach((key, value) -> ops.addAll(List.of("S", "c:" + key, value)));
        tab.entries(StorageArea.SESSION)
                .forEach((key, value) ->
                        ops.addAll(List.of("S", Owners.field(StorageArea.SESSION, tab.tabId(), key), value)));
        ObjectNode message = WireWrites.JSON.createObjectNode();
        message.put("k", "refresh").put("b", publicId);
        return settle("", "", "", message.toString(), ops);
    }

    /**
     * An outbox entry the owner was handed as it was written: delivered now, or after the
     * outbox read in progress (which may hold it too, and earlier entries).
     */
    void offer(String raw) {
        synchronized (this) {
            if (fetching) {
                offered.add(raw);
                return;
            }
        }
        deliver(raw);
    }

    /** Reads the outbox and delivers, in id order, what the browser has not applied. */
    void fetch() {
        synchronized (this) {
            if (fetching) {
                fetchAgain = true;
                return;
            }
            fetching = true;
        }
        if (dropped) {
            return;
        }
        link.eval(
                        Scripts.FETCH,
                        List.of(owners.key(publicId, "owner"), owners.key(publicId, "out")),
                        List.of(owner, Long.toString(ttlMillis)))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        LOG.debugf(
                                "Could not read the outbox of browser %s: %s", copy.browserId(), failure.getMessage());
                    } else if (response == null) {
                        drop("another node owns it now");
                    } else {
                        LOG.debugf("Browser %s: %d batches in its outbox", copy.browserId(), response.size());
                        for (Response entry : response) {
                            deliver(entry.toString());
                        }
                    }
                    List<String> later;
                    boolean again;
                    synchronized (this) {
                        later = List.copyOf(offered);
                        offered.clear();
                        again = fetchAgain;
                        fetchAgain = false;
                        fetching = false;
                    }
                    later.forEach(this::deliver);
                    if (again) {
                        fetch();
                    }
                });
    }

    private void deliver(String raw) {
        int space = raw.indexOf(' ');
        long seq = Long.parseLong(raw.substring(0, space));
        if (dropped || !inFlight.add(seq)) {
            return;
        }
        JsonNode entry;
        try {
            entry = WireWrites.JSON.readTree(raw.substring(space + 1));
        } catch (JsonProcessingException e) {
            LOG.errorf("Dropping a malformed outbox entry of browser %s", copy.browserId());
            finish(
                    raw,
                    seq,
                    null,
                    null,
                    List.of(),
                    new dev.browserstorage.StorageUnavailableException(null, "malformed"));
            return;
        }
        String tabId = entry.path("t").isTextual() ? entry.path("t").asText() : null;
        List<Write> writes = WireWrites.fromJson(entry.path("w"));
        StorageTarget target;
        long applied;
        BrowserStorageException failedBefore;
        synchronized (this) {
            if (tabId == null) {
                target = browserHello ? copy : null;
                applied = browserApplied;
                failedBefore = browserFailed.get(seq);
            } else {
                target = tabApplied.containsKey(tabId) ? copy.findTab(tabId).orElse(null) : null;
                applied = tabApplied.getOrDefault(tabId, -1L);
                failedBefore = tabFailed.getOrDefault(tabId, Map.of()).get(seq);
            }
        }
        if (target == null) {
            LOG.debugf("Browser %s: batch %d waits for its tab's hello", copy.browserId(), seq);
            // Its tab (or, before any hello, the browser) has not said what it applied: later.
            inFlight.remove(seq);
            return;
        }
        if (failedBefore != null || seq <= applied) {
            // Applied (or refused) by the browser before this node knew: settled as it answered then.
            finish(raw, seq, entry, tabId, writes, failedBefore);
            return;
        }
        CompletionStage<Void> stage;
        try {
            stage = target.link().deliver(seq, entry.path("k").asText(), writes);
        } catch (BrowserStorageException e) {
            finish(raw, seq, entry, tabId, writes, e);
            return;
        } catch (IllegalArgumentException e) {
            LOG.warnf("Outbox batch %d of browser %s came out of order: %s", seq, copy.browserId(), e.getMessage());
            inFlight.remove(seq);
            return;
        }
        stage.whenComplete((ok, error) -> {
            if (!dropped) {
                finish(raw, seq, entry, tabId, writes, error == null ? null : WireErrors.typed(error));
            }
        });
    }

    /** Settles one outbox batch: applied (its writes become the state) or refused. */
    private void finish(
            String raw, long seq, JsonNode entry, String tabId, List<Write> writes, BrowserStorageException error) {
        ObjectNode result = WireWrites.JSON.createObjectNode();
        result.put("k", "result");
        String resultChannel = "";
        if (entry != null && entry.hasNonNull("o")) {
            result.put("r", entry.path("r").asLong());
            result.set("e", error == null ? null : WireErrors.toJson(error));
            resultChannel = link.nodeChannel(entry.get("o").asText());
        }
        List<String> ops = new ArrayList<>();
        String changes = "";
        if (error == null && !writes.isEmpty()) {
            for (Write write : writes) {
                String field = Owners.field(write.area(), tabId, write.key());
                ops.addAll(write.value() == null ? List.of("D", field, "") : List.of("S", field, write.value()));
            }
            ObjectNode message = WireWrites.JSON.createObjectNode();
            message.put("k", "changes").put("b", publicId).put("t", tabId);
            ArrayNode json = WireWrites.toJson(writes);
            message.set("w", json);
            changes = message.toString();
        }
        settle(raw, resultChannel, result.toString(), changes, ops).whenComplete((ok, failure) -> inFlight.remove(seq));
    }

    private CompletionStage<Void> settle(
            String raw, String resultChannel, String result, String changes, List<String> ops) {
        List<String> args = new ArrayList<>(7 + ops.size());
        args.add(owner);
        args.add(raw);
        args.add(resultChannel);
        args.add(result);
        args.add(changes.isEmpty() ? "" : link.broadcastChannel());
        args.add(changes);
        args.add(Long.toString(ttlMillis));
        args.addAll(ops);
        return link.eval(
                        Scripts.SETTLE,
                        List.of(
                                owners.key(publicId, "owner"),
                                owners.key(publicId, "out"),
                                owners.key(publicId, "state")),
                        args)
                .handle((response, failure) -> {
                    if (failure != null) {
                        LOG.debugf("Could not settle a step of browser %s: %s", copy.browserId(), failure.getMessage());
                    } else if (response.toLong() == 0) {
                        drop("another node owns it now");
                    }
                    return null;
                });
    }

    /** The last socket closed: the browser is free for whichever node its next socket reaches. */
    private void release() {
        if (dropped) {
            return;
        }
        dropped = true;
        owners.forget(publicId, this);
        copy.close();
        link.eval(Scripts.RELEASE, List.of(owners.key(publicId, "owner")), List.of(owner));
    }

    /** This node must let the browser go: its sockets are closed and reconnect, to the owner. */
    void drop(String why) {
        if (dropped) {
            return;
        }
        LOG.debugf("Node %s lets browser %s go: %s", link.nodeId(), copy.browserId(), why);
        dropped = true;
        owners.forget(publicId, this);
        closers.values()
                .forEach(closer ->
                        closer.close(Owners.CLOSE_MOVED, "moved", "this browser is served elsewhere now; reconnect"));
        closers.clear();
        copy.close();
    }
}
