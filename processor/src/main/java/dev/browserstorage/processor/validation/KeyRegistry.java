package dev.browserstorage.processor.validation;

import dev.browserstorage.StorageArea;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys and cookie names claimed so far in one processing round, so that two fields of the
 * stores compiled together never share one. Holds names only, never elements. Stores of other
 * rounds and other compilations are the server's to check: the processor is isolating, and an
 * incremental compilation sees only the POJOs that changed.
 */
public final class KeyRegistry {
    private final Map<String, Claim> claims = new HashMap<>();

    /**
     * Who claimed a key.
     *
     * @param field the field's name
     * @param type the POJO's qualified name
     */
    public record Claim(String field, String type) {}

    /**
     * Claims a key for a field, unless another field has it.
     *
     * @param area where the key lives
     * @param key the key inside the app, or the cookie name
     * @param claim the claiming field
     * @return the earlier claim, if the key was taken
     */
    public Optional<Claim> claim(StorageArea area, String key, Claim claim) {
        Claim earlier = claims.putIfAbsent(area.wireName() + ":" + key, claim);
        return Optional.ofNullable(earlier);
    }
}
