package dev.browserstorage.store;

import dev.browserstorage.StorageArea;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed store as a whole: the POJO it was generated from, its area, its namespace and its fields
 * in declaration order. Generated stores hold one as a constant.
 */
public final class StoreDescriptor {
    private final String typeName;
    private final StorageArea area;
    private final String namespace;
    private final List<StoreField<?>> fields;

    private StoreDescriptor(String typeName, StorageArea area, String namespace, List<StoreField<?>> fields) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.area = Objects.requireNonNull(area, "area");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.fields = List.copyOf(fields);
        for (int i = 0; i < this.fields.size(); i++) {
            StoreField<?> field = this.fields.get(i);
            if (field.ordinal() != i || field.area() != area) {
                throw new IllegalArgumentException(
                        "Field " + field + " of " + typeName + " must be " + area + " with ordinal " + i);
            }
        }
    }

    /**
     * Describes a store.
     *
     * @param typeName the annotated POJO's binary name (what {@code Class.forName} takes: {@code a.Outer$Inner})
     * @param area where its fields are kept
     * @param namespace its namespace (empty for cookie stores)
     * @param fields its fields, each with its position as ordinal
     * @return the descriptor
     */
    public static StoreDescriptor of(String typeName, StorageArea area, String namespace, StoreField<?>... fields) {
        return new StoreDescriptor(typeName, area, namespace, List.of(fields));
    }

    /** @return the annotated POJO's binary name */
    public String typeName() {
        return typeName;
    }

    /** @return where the fields are kept */
    public StorageArea area() {
        return area;
    }

    /** @return the namespace (empty for cookie stores) */
    public String namespace() {
        return namespace;
    }

    /** @return the fields, in declaration order */
    public List<StoreField<?>> fields() {
        return fields;
    }

    /**
     * The field with a Java name, for code that reads a store by name (templates).
     *
     * @param name the Java field name, as in the POJO
     * @return the field, or empty if the store has none of that name
     */
    public Optional<StoreField<?>> field(String name) {
        for (StoreField<?> field : fields) {
            if (field.name().equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "StoreDescriptor[" + typeName + ", " + area.wireName() + "]";
    }
}
