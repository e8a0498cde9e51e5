package dev.browserstorage.browser;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Utf8;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieRules;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks on what goes into a browser's storage: the server's localStorage and sessionStorage
 * writes against the {@link StorageLimits} (cookie writes pass the {@link
 * dev.browserstorage.cookie.CookieWritePolicy}), and everything the browser sends (its snapshot and
 * its changes), which is untrusted: a forged frame must not put keys outside the app's namespace
 * into the server's copy, or grow it without bound. Reads the {@link StorageLayers} under the
 * {@link StorageTarget}'s lock.
 */
final class StorageChecks {
    private final String browserId;
    private final String keyPrefix;
    private final StorageLimits limits;
    private final CookieHeaderBudget cookieHeaderBudget;
    private final StorageLayers layers;

    StorageChecks(
            String browserId,
            String keyPrefix,
            StorageLimits limits,
            CookieHeaderBudget cookieHeaderBudget,
            StorageLayers layers) {
        this.browserId = browserId;
        this.keyPrefix = keyPrefix;
        this.limits = limits;
        this.cookieHeaderBudget = cookieHeaderBudget;
        this.layers = layers;
    }

    boolean ownsKey(String storageKey) {
        return storageKey.startsWith(keyPrefix) && storageKey.length() > keyPrefix.length();
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** A snapshot's area: every key in the app's namespace, and all of them within the budget. */
    void checkSnapshot(StorageArea area, Map<String, String> values) {
        long units = 0;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!ownsKey(entry.getKey())) {
                throw new RefusedChangeException(
                        RefusedChangeException.Reason.NAMESPACE,
                        "Snapshot of browser " + browserId + " has " + area.wireName() + " key '"
                                + abbreviate(entry.getKey()) + "' outside the app's namespace '" + keyPrefix + "'");
            }
            units += StorageLayers.units(entry.getKey(), entry.getValue());
        }
        if (units > limits.maxAreaUnits()) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Snapshot of browser " + browserId + " has " + units + " UTF-16 units of " + area.wireName()
                            + "Storage, over the app's budget of " + limits.maxAreaUnits());
        }
    }

    /**
     * The server's localStorage and sessionStorage writes of one batch, counted together: each key
     * in the namespace, each value within {@link StorageLimits#maxValueBytes()}, each area within
     * its budget. Cookie writes are skipped.
     */
    void checkServerWrites(List<Write> writes) {
        Map<StorageArea, Long> projected = new EnumMap<>(StorageArea.class);
        Map<String, String> overlay = new HashMap<>();
        for (Write write : writes) {
            if (write.area() == StorageArea.COOKIE) {
                continue;
            }
            if (!ownsKey(write.key())) {
                throw new IllegalArgumentException(
                        "Key '" + write.key() + "' is outside the app's namespace '" + keyPrefix + "'");
            }
            if (write.value() != null) {
                long bytes = Utf8.length(write.value());
                if (bytes > limits.maxValueBytes()) {
                    throw new QuotaExceededException(
                            QuotaExceededException.Kind.VALUE_TOO_LARGE,
                            write.area(),
                            write.key(),
                            bytes,
                            limits.maxValueBytes(),
                            "Value for " + write.area().wireName() + " key '" + write.key()
                                    + "' is " + bytes + " bytes in UTF-8, over the limit of " + limits.maxValueBytes()
                                    + " bytes for one value; nothing was written. Store less, or split it over several keys.");
                }
            }
            String overlayKey = write.area().wireName() + '\u0000' + write.key();
            String old =
                    overlay.containsKey(overlayKey) ? overlay.get(overlayKey) : layers.text(write.area(), write.key());
            overlay.put(overlayKey, write.value());
            long used = projected.getOrDefault(write.area(), layers.unitsUsed(write.area()));
            used += StorageLayers.units(write.key(), write.value()) - StorageLayers.units(write.key(), old);
            projected.put(write.area(), used);
            if (used > limits.maxAreaUnits() && write.value() != null) {
                throw new QuotaExceededException(
                        QuotaExceededException.Kind.AREA_QUOTA,
                        write.area(),
                        write.key(),
                        used,
                        limits.maxAreaUnits(),
                        "Writing " + write.area().wireName() + " key '" + write.key()
                                + "' would bring the app's " + write.area().wireName() + "Storage to " + used
                                + " UTF-16 units, over its budget of " + limits.maxAreaUnits()
                                + "; nothing was written. Remove keys the app no longer needs, or store less.");
            }
        }
    }

    /** A change the browser reports, before it touches the confirmed layer. */
    void checkBrowserChange(StorageArea area, String key, String newValue) {
        if (area == StorageArea.COOKIE) {
            checkReportedCookie(key, newValue);
            return;
        }
        if (!ownsKey(key)) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.NAMESPACE,
                    "Browser " + browserId + " reported " + area.wireName() + " key '" + abbreviate(key)
                            + "' outside the app's namespace '" + keyPrefix + "'");
        }
        long bytes = newValue == null ? 0 : Utf8.length(newValue);
        if (bytes > limits.maxValueBytes()) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported a value of " + bytes + " bytes for " + area.wireName()
                            + " key '" + abbreviate(key) + "', over the limit of " + limits.maxValueBytes());
        }
        // The browser enforces its own quota, so only a forged frame gets past it: without this, one
        // connection could grow the server's copy without bound, one new key at a time.
        long growth = StorageLayers.units(key, newValue)
                - StorageLayers.units(key, layers.confirmed(area).get(key));
        long used = layers.unitsUsed(area);
        if (growth > 0 && used + growth > limits.maxAreaUnits()) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported " + area.wireName() + " key '" + abbreviate(key)
                            + "' that would take the area to " + (used + growth)
                            + " UTF-16 units, over the app's budget of " + limits.maxAreaUnits());
        }
    }

    /**
     * A cookie the browser reports: one no browser would hold (over the size rule, a character that
     * ends a cookie), one past {@link Browser#MAX_COOKIES}, or one that would make the browser's
     * cookies absurdly large is refused.
     */
    private void checkReportedCookie(String name, String value) {
        if (value == null) {
            return;
        }
        Map<String, String> cookies = layers.confirmed(StorageArea.COOKIE);
        if (!cookies.containsKey(name) && cookies.size() >= Browser.MAX_COOKIES) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported a new cookie '" + abbreviate(name) + "' over the limit of "
                            + Browser.MAX_COOKIES + " cookies");
        }
        if (name.indexOf(';') >= 0 || value.indexOf(';') >= 0 || name.indexOf('=') >= 0) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported cookie '" + abbreviate(name)
                            + "' with a ';' or '=' no browser keeps in a cookie name or value");
        }
        int bytes = CookieRules.nameValueBytes(name, value);
        if (bytes > CookieRules.MAX_NAME_VALUE_BYTES) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported cookie '" + abbreviate(name) + "' of " + bytes
                            + " bytes, over the " + CookieRules.MAX_NAME_VALUE_BYTES + " browsers keep");
        }
        Map<String, String> after = new HashMap<>(cookies);
        after.put(name, value);
        long headerBytes = CookieHeaderBudget.headerBytes(after);
        if (headerBytes > 4L * cookieHeaderBudget.maxBytes()) {
            throw new RefusedChangeException(
                    RefusedChangeException.Reason.TOO_LARGE,
                    "Browser " + browserId + " reported cookies of " + headerBytes + " bytes, far over the budget of "
                            + cookieHeaderBudget.maxBytes());
        }
    }
}
