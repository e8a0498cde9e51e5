package dev.browserstorage.protect;

import dev.browserstorage.StorageArea;
import java.util.Objects;

/**
 * A protected value the server refused to read: it reads as the field's default. Delivered to the
 * app (a CDI event in Quarkus) once per stored text; it names the field, never the value or a key.
 *
 * @param storeType the store's POJO, as its binary name
 * @param field the Java field's name
 * @param area where the value is kept
 * @param key the browser's key or cookie name
 * @param reason why it was refused
 */
public record RejectedValue(String storeType, String field, StorageArea area, String key, Reason reason) {
    /** Checks the parts. */
    public RejectedValue {
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
    }

    /** Why a protected value was refused. */
    public enum Reason {
        /** Not in the sealed form at all (written by a page script, or before the field was protected). */
        NOT_SEALED,
        /** Sealed with a key id none of the configured keys has (removed from config, or made up). */
        UNKNOWN_KEY,
        /** Its tag does not match: edited, copied from another key, or sealed with another secret. */
        TAMPERED,
        /** Past the expiry sealed into it. */
        EXPIRED
    }
}
