package dev.browserstorage.browser;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tabs of a browser, least recently active first, at most {@link StorageLimits#maxTabs()}: a new
 * tab past the limit takes the place of the disconnected tab idle longest. Not thread safe: its
 * {@link Browser} holds the lock; dropped tabs are returned, for the caller to close after it.
 */
final class Tabs {
    /** A tab looked up or made, and the tab dropped to make room for it, if any. */
    record Opened(Tab tab, Tab dropped) {}

    private final LinkedHashMap<String, Tab> byId = new LinkedHashMap<>(16, 0.75f, true);
    private final String browserId;
    private final int max;

    Tabs(String browserId, int max) {
        this.browserId = browserId;
        this.max = max;
    }

    /**
     * The tab of an id, made on first use.
     *
     * @throws IllegalStateException if it is new and every tab is connected and there are already
     *     as many as the limit allows
     */
    Opened open(String tabId, Function<String, Tab> newTab) {
        Tab tab = byId.get(tabId);
        Tab dropped = null;
        if (tab == null) {
            if (byId.size() >= max) {
                dropped = byId.values().stream()
                        .filter(t -> !t.isConnected())
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("Browser " + browserId + " already has "
                                + byId.size() + " connected tabs, the most it may have"));
                byId.remove(dropped.tabId());
            }
            tab = newTab.apply(tabId);
            byId.put(tabId, tab);
        }
        return new Opened(tab, dropped);
    }

    /** The tab of an id, without counting as an access (which would reorder the tabs). */
    Optional<Tab> find(String tabId) {
        for (Map.Entry<String, Tab> entry : byId.entrySet()) {
            if (entry.getKey().equals(tabId)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** Removes the tabs disconnected and last active before a moment. */
    List<Tab> removeIdleSince(Instant cutoff) {
        List<Tab> dropped = new ArrayList<>();
        byId.values().removeIf(tab -> {
            boolean idle = !tab.isConnected() && tab.lastActive.isBefore(cutoff);
            if (idle) {
                dropped.add(tab);
            }
            return idle;
        });
        return dropped;
    }

    /** Removes every tab. */
    List<Tab> removeAll() {
        List<Tab> all = new ArrayList<>(byId.values());
        byId.clear();
        return all;
    }
}
