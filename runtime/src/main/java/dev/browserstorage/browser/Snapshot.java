package dev.browserstorage.browser;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the browser holds, as it sends it on connect: the app's own localStorage and sessionStorage
 * keys (with the app's prefix) and the cookies visible to the page.
 *
 * @param pageUrl the page's URL, which cookie rules need (domain matching, secure origins); may be
 *     {@code null} where unknown
 * @param local the app's localStorage keys and values
 * @param session the app's sessionStorage keys and values
 * @param cookies the page's cookies, name to value (HttpOnly ones are never among them)
 */
public record Snapshot(
        URI pageUrl, Map<String, String> local, Map<String, String> session, Map<String, String> cookies) {
    /**
     * What a snapshot holds in place of a localStorage or sessionStorage value over {@link
     * StorageLimits#maxValueBytes()}: the server does not keep such a value (only a forged frame, a
     * hand edit or a lowered limit can put one there), and a typed read gives the field's default
     * with a warning, as for any value no write of ours could have stored. The browser is not
     * refused: its next write of the key repairs it. Not a JSON text, so no codec reads it as a value.
     */
    public static final String OVER_LIMIT = "\u0000over max-value-bytes";

    /** Copies the maps, sorted by key, so the snapshot cannot change after it is made. */
    public Snapshot {
        local = copy(local);
        session = copy(session);
        cookies = copy(cookies);
    }

    /**
     * A snapshot of an empty browser.
     *
     * @param pageUrl the page's URL, or {@code null}
     * @return the snapshot
     */
    public static Snapshot empty(URI pageUrl) {
        return new Snapshot(pageUrl, Map.of(), Map.of(), Map.of());
    }

    /** @return the page's URL, if known */
    public Optional<URI> page() {
        return Optional.ofNullable(pageUrl);
    }

    private static Map<String, String> copy(Map<String, String> values) {
        return values == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }
}
