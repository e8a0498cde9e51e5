package dev.browserstorage.quarkus.runtime.devui;

import java.util.List;

/**
 * One browser as the Dev UI shows it: its label (never its public id or credential), its
 * connection, its tabs, the writes it has not acknowledged yet and what it holds, decoded per store.
 * Times are ISO-8601 text, and values JSON text, so that the page shows them exactly (a {@code long}
 * past 2<sup>53</sup> would not survive a JavaScript number).
 *
 * @param label the session's random label ({@code Browser.browserId()}), by which the page
 *     addresses the browser
 * @param connected whether a socket of the browser is open
 * @param hydrated whether the browser has sent what it holds; until then {@code stores} is empty
 * @param lastSeen when the browser last connected or made an HTTP request
 * @param page the page URL of its last {@code hello}, if any
 * @param pendingBatches the ids of the browser's batches waiting for acknowledgement
 * @param tabs its tabs, least recently active first
 * @param stores what it holds per store: localStorage and cookie stores once, sessionStorage stores
 *     once per hydrated tab
 * @param otherKeys the app's localStorage and sessionStorage keys no store claims
 */
public record BrowserView(
        String label,
        boolean connected,
        boolean hydrated,
        String lastSeen,
        String page,
        List<Long> pendingBatches,
        List<Tab> tabs,
        List<StoreValues> stores,
        List<OtherKey> otherKeys) {

    /**
     * One tab of the browser, which holds its own sessionStorage.
     *
     * @param id the tab's id
     * @param connected whether the tab's socket is open
     * @param hydrated whether the tab has sent its sessionStorage
     * @param pendingBatches the ids of the tab's batches waiting for acknowledgement
     */
    public record Tab(String id, boolean connected, boolean hydrated, List<Long> pendingBatches) {}

    /**
     * One store's fields as one browser (or, for sessionStorage, one tab) holds them.
     *
     * @param type the POJO's binary name
     * @param area {@code local}, {@code session} or {@code cookie}
     * @param namespace the store's namespace (empty for cookie stores)
     * @param tab the tab, for a sessionStorage store; {@code null} otherwise
     * @param fields the fields, in declaration order
     */
    public record StoreValues(String type, String area, String namespace, String tab, List<FieldValue> fields) {}

    /**
     * One field's value.
     *
     * @param name the Java field name
     * @param key the key inside the app, or the cookie name
     * @param type the field's type, as its codec names it
     * @param set whether the browser holds a text for the key
     * @param stored the text the browser holds, if it holds one
     * @param json what a typed read gives, as JSON text: the decoded value, or the default where the
     *     key is absent, expired or holds a text that does not decode
     * @param expiresAt when the value expires, for a field with a lifetime
     * @param problem why a held text reads as the default, if it does
     */
    public record FieldValue(
            String name,
            String key,
            String type,
            boolean set,
            String stored,
            String json,
            String expiresAt,
            String problem) {}

    /**
     * A key in the app's namespace that no store declares (written through {@code UntypedStorage},
     * page script, or a store since renamed).
     *
     * @param area {@code local} or {@code session}
     * @param tab the tab, for sessionStorage; {@code null} otherwise
     * @param key the key inside the app
     * @param stored the text the browser holds
     */
    public record OtherKey(String area, String tab, String key, String stored) {}
}
