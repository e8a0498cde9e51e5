package dev.browserstorage.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.ValueCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link StoredValues} a versioned store's migrations change: JSON by name, each with the expiry
 * it was stored with (kept through renames and updates). Not thread safe: one migration run uses it.
 */
final class MigratingValues implements StoredValues {
    /** JSON values with the shared mapper's limits and settings. */
    static final ValueCodec<JsonNode> JSON = Codecs.json(JsonNode.class);

    /** A value and its expiry ({@code Long.MAX_VALUE}: none). */
    record Entry(JsonNode value, long expiresAtMillis) {}

    private final Map<String, Entry> values = new LinkedHashMap<>();
    private int version;

    MigratingValues(int version) {
        this.version = version;
    }

    /** Adds a value as read from the browser. */
    void load(String name, JsonNode value, long expiresAtMillis) {
        values.put(name, new Entry(value, expiresAtMillis));
    }

    /** The next step reads the next version. */
    void stepDone() {
        version++;
    }

    /** @return the values now, by name */
    Map<String, Entry> entries() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public int version() {
        return version;
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public Optional<JsonNode> get(String name) {
        Entry entry = values.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.value().deepCopy());
    }

    @Override
    public void put(String name, Object value) {
        checkName(name);
        Entry old = values.get(name);
        values.put(name, new Entry(json(value), old == null ? Long.MAX_VALUE : old.expiresAtMillis()));
    }

    @Override
    public void remove(String name) {
        values.remove(name);
    }

    @Override
    public void rename(String from, String to) {
        checkName(to);
        Entry entry = values.remove(from);
        if (entry != null) {
            values.put(to, entry);
        }
    }

    @Override
    public void update(String name, Function<JsonNode, ?> change) {
        Objects.requireNonNull(change, "change");
        Entry entry = values.get(name);
        if (entry == null) {
            return;
        }
        Object changed = change.apply(entry.value().deepCopy());
        if (changed == null) {
            values.remove(name);
        } else {
            values.put(name, new Entry(json(changed), entry.expiresAtMillis()));
        }
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A stored name is not empty");
        }
    }

    /** A value as JSON: a node as it is, anything else as the shared mapper writes it. */
    private static JsonNode json(Object value) {
        Objects.requireNonNull(value, "value (remove a name instead of putting null)");
        if (value instanceof JsonNode node) {
            return node.deepCopy();
        }
        @SuppressWarnings("unchecked")
        ValueCodec<Object> codec = (ValueCodec<Object>) Codecs.json(value.getClass());
        return JSON.decode(codec.encode(value));
    }
}
