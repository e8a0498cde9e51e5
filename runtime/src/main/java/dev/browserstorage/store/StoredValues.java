package dev.browserstorage.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A versioned store's values as one migration sees them: JSON by the name each is stored under (the
 * last part of its key, {@code @Key} or the field's name, as the version being read named it).
 * Lifetimes and protection are handled around it: a value keeps its expiry through a rename or an
 * update, and protected values are seen opened.
 */
public interface StoredValues {
    /** @return the version the values are at now (the step's {@code from}) */
    int version();

    /** @return the names that hold a value */
    Set<String> names();

    /**
     * @param name a stored name
     * @return whether it holds a value
     */
    boolean has(String name);

    /**
     * @param name a stored name
     * @return its value as JSON, or empty if absent
     */
    Optional<JsonNode> get(String name);

    /**
     * Sets a value.
     *
     * @param name a stored name
     * @param value a {@link JsonNode}, or any value Jackson writes (a String, a number, a record)
     */
    void put(String name, Object value);

    /**
     * Removes a value, if present.
     *
     * @param name a stored name
     */
    void remove(String name);

    /**
     * Moves a value to another name, with its expiry; nothing happens if it is absent.
     *
     * @param from the old name
     * @param to the new name (a value there is replaced)
     */
    void rename(String from, String to);

    /**
     * Changes a value, if present, keeping its expiry.
     *
     * @param name a stored name
     * @param change gets the old JSON, returns the new value ({@link #put} takes the same), or
     *     {@code null} to remove it
     */
    void update(String name, Function<JsonNode, ?> change);
}
