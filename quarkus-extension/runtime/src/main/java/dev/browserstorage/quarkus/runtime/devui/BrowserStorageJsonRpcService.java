package dev.browserstorage.quarkus.runtime.devui;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import dev.browserstorage.store.StoreAccess;
import dev.browserstorage.store.StoreDescriptor;
import dev.browserstorage.store.StoreField;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JSON-RPC methods behind browser-storage's Dev UI page (dev mode only): the browsers this
 * server holds a session for, what each one holds, decoded per store, and an edit or removal of one
 * field in one browser, written as the application's own code writes it. A browser is addressed by
 * its session's random label, never by its public id or its credential, which no method returns.
 */
public class BrowserStorageJsonRpcService {
    /** How long an edit waits for the browser's acknowledgement before it answers that the write is still pending. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    BrowserRegistry registry;

    @Inject
    DevUiStores stores;

    /** @return every browser the server holds a session for, by label */
    public List<BrowserView> getBrowsers() {
        return registry.held().stream().map(this::view).toList();
    }

    /**
     * Sets one field in one browser, as the store's own setter does: the value goes through the
     * field's codec, with its lifetime or cookie attributes, as a batch over the browser's socket.
     *
     * @param browser the browser's label
     * @param tab the tab, for a sessionStorage store; ignored otherwise
     * @param store the store's POJO, by binary name
     * @param field the Java field name
     * @param value the new value as JSON text ({@code null} removes it)
     * @return completes with the browser's new state once it has acknowledged the write; fails if
     *     the write is refused (nothing is sent), if the browser fails it (it is taken back), or if
     *     no acknowledgement comes within {@link #ACK_TIMEOUT} (the write stays pending)
     */
    public CompletionStage<BrowserView> setValue(String browser, String tab, String store, String field, String value) {
        if (value == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "No value given for " + field + ": give it as JSON text, or remove the field instead"));
        }
        return edit(browser, tab, store, field, value);
    }

    /**
     * Removes one field from one browser, as the store's own {@code remove} does; it then reads as
     * its default.
     *
     * @param browser the browser's label
     * @param tab the tab, for a sessionStorage store; ignored otherwise
     * @param store the store's POJO, by binary name
     * @param field the Java field name
     * @return completes with the browser's new state once it has acknowledged the removal, or fails
     *     as {@link #setValue} does
     */
    public CompletionStage<BrowserView> removeValue(String browser, String tab, String store, String field) {
        return edit(browser, tab, store, field, null);
    }

    private CompletionStage<BrowserView> edit(String label, String tabId, String type, String fieldName, String json) {
        CompletableFuture<BrowserView> result = new CompletableFuture<>();
        BrowserRegistry.Held held;
        StoreField<?> field;
        StorageTarget target;
        StoreDescriptor descriptor;
        try {
            held = find(label);
            descriptor = stores.byType(type)
                    .orElseThrow(() -> new IllegalArgumentException("The application has no store " + type));
            field = descriptor
                    .field(fieldName)
                    .orElseThrow(() -> new IllegalArgumentException("Store " + type + " has no field " + fieldName));
            target = descriptor.area() == StorageArea.SESSION ? tab(held.browser(), tabId, type) : held.browser();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String what = describe(descriptor, field, label, tabId);
        CompletionStage<Void> written;
        try {
            StoreAccess access = new StoreAccess(target, descriptor);
            written = json == null ? access.remove(field) : FieldValues.write(access, field, json);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("The write of " + what + " was refused: " + e.getMessage(), e));
        }
        written.toCompletableFuture()
                .orTimeout(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause == null) {
                        result.complete(view(registry.held().stream()
                                .filter(one -> one.browser() == held.browser())
                                .findFirst()
                                .orElse(held)));
                    } else if (cause instanceof TimeoutException) {
                        result.completeExceptionally(
                                new IllegalStateException("Browser " + label + " has not acknowledged the write"
                                        + " of " + what + " within " + ACK_TIMEOUT.toSeconds() + " s"
                                        + (target.isConnected() ? "" : ": it is not connected")
                                        + ". The write stays pending until the"
                                        + " browser applies or refuses it."));
                    } else {
                        result.completeExceptionally(new IllegalStateException(
                                "Browser " + label + " did not store " + what + ": " + cause.getMessage()
                                        + " The write was taken back.",
                                cause));
                    }
                });
        return result;
    }

    private BrowserRegistry.Held find(String label) {
        return registry.held().stream()
                .filter(one -> one.browser().browserId().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The server holds no browser " + label
                        + ": it may have been dropped since the page was loaded"));
    }

    private static Tab tab(Browser browser, String tabId, String type) {
        if (tabId == null || tabId.isBlank()) {
            throw new IllegalArgumentException("Store " + type + " keeps sessionStorage, which belongs to one tab: name"
                    + " one of browser " + browser.browserId() + "'s tabs " + browser.tabIds());
        }
        return browser.findTab(tabId)
                .orElseThrow(() -> new IllegalArgumentException("Browser " + browser.browserId() + " has no tab "
                        + tabId + "; its tabs are " + browser.tabIds()));
    }

    private static String describe(StoreDescriptor descriptor, StoreField<?> field, String label, String tabId) {
        String where = switch (descriptor.area()) {
            case LOCAL -> "localStorage key " + field.key();
            case SESSION -> "sessionStorage key " + field.key() + " of tab " + tabId;
            case COOKIE -> "cookie " + field.key();
        };
        return descriptor.typeName() + "." + field.name() + " (" + where + ") in browser " + label;
    }

    private BrowserView view(BrowserRegistry.Held held) {
        Browser browser = held.browser();
        List<BrowserView.Tab> tabs = new ArrayList<>();
        List<BrowserView.StoreValues> values = new ArrayList<>();
        List<BrowserView.OtherKey> others = new ArrayList<>();
        for (String tabId : browser.tabIds()) {
            browser.findTab(tabId)
                    .ifPresent(tab -> tabs.add(
                            new BrowserView.Tab(tabId, tab.isConnected(), tab.isHydrated(), tab.pendingBatchIds())));
        }
        if (browser.isHydrated()) {
            Set<String> claimed = new HashSet<>();
            for (StoreDescriptor descriptor : stores.descriptors()) {
                if (descriptor.area() != StorageArea.SESSION) {
                    values.add(storeValues(descriptor, browser, null, claimed));
                }
            }
            others(browser, StorageArea.LOCAL, null, claimed, others);
            for (String tabId : browser.tabIds()) {
                browser.findTab(tabId).filter(Tab::isHydrated).ifPresent(tab -> {
                    Set<String> claimedInTab = new HashSet<>();
                    for (StoreDescriptor descriptor : stores.descriptors()) {
                        if (descriptor.area() == StorageArea.SESSION) {
                            values.add(storeValues(descriptor, tab, tabId, claimedInTab));
                        }
                    }
                    others(tab, StorageArea.SESSION, tabId, claimedInTab, others);
                });
            }
        }
        return new BrowserView(
                browser.browserId(),
                browser.isConnected(),
                browser.isHydrated(),
                held.lastSeen().toString(),
                browser.pageUrl().map(URI::toString).orElse(null),
                browser.pendingBatchIds(),
                tabs,
                values,
                others);
    }

    private static BrowserView.StoreValues storeValues(
            StoreDescriptor descriptor, StorageTarget browser, String tabId, Set<String> claimed) {
        Map<String, String> held = browser.entries(descriptor.area());
        long now = browser.clock().millis();
        List<BrowserView.FieldValue> fields = new ArrayList<>();
        for (StoreField<?> field : descriptor.fields()) {
            String key = descriptor.area() == StorageArea.COOKIE ? field.key() : browser.storageKey(field.key());
            claimed.add(key);
            // The extension's own cookies carry the browser's credential: never shown, whatever a store declares.
            String stored = browser.reservedCookieNames().contains(key) && descriptor.area() == StorageArea.COOKIE
                    ? null
                    : held.get(key);
            fields.add(FieldValues.read(field, stored, now, browser.protection()));
        }
        return new BrowserView.StoreValues(
                descriptor.typeName(), descriptor.area().wireName(), descriptor.namespace(), tabId, fields);
    }

    /** Cookies outside the stores are not listed: they may be another library's credentials. */
    private static void others(
            StorageTarget browser,
            StorageArea area,
            String tabId,
            Set<String> claimed,
            List<BrowserView.OtherKey> others) {
        browser.entries(area).forEach((key, stored) -> {
            if (browser.ownsKey(key) && !claimed.contains(key)) {
                others.add(new BrowserView.OtherKey(
                        area.wireName(),
                        tabId,
                        key.substring(browser.storageKey("").length()),
                        stored));
            }
        });
    }
}
