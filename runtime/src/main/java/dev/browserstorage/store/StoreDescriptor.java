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
    private final int version;
    private final int oldestVersion;
    private final List<StoreMigration> migrations;

    private StoreDescriptor(String typeName, StorageArea area, String namespace, List<StoreField<?>> fields) {
        this(typeName, area, namespace, fields, 1, 1, List.of());
    }

    private StoreDescriptor(
            String typeName,
            StorageArea area,
            String namespace,
            List<StoreField<?>> fields,
            int version,
            int oldestVersion,
            List<StoreMigration> migrations) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.area = Objects.requireNonNull(area, "area");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.version = version;
        this.oldestVersion = oldestVersion;
        this.migrations = List.copyOf(migrations);
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

    /**
     * This store at a version above 1, with the migrations from its oldest supported version: step
     * {@code i} turns values of version {@code oldestVersion + i} into the next one's.
     *
     * @param version the store's version, at least 2
     * @param oldestVersion the oldest version whose values are migrated, at least 1 and below {@code version}
     * @param migrations exactly {@code version - oldestVersion} steps, oldest first
     * @return the versioned descriptor
     * @throws IllegalArgumentException if the versions or the number of steps do not fit, or the
     *     store keeps cookies (versions are for localStorage and sessionStorage stores)
     */
    public StoreDescriptor withVersion(int version, int oldestVersion, StoreMigration... migrations) {
        if (area == StorageArea.COOKIE) {
            throw new IllegalArgumentException("Cookie stores have no version: " + typeName);
        }
        if (oldestVersion < 1 || version <= oldestVersion || migrations.length != version - oldestVersion) {
            throw new IllegalArgumentException("Version " + version + " of " + typeName
                    + " needs one migration per step from " + oldestVersion + ", got " + migrations.length);
        }
        for (StoreMigration migration : migrations) {
            Objects.requireNonNull(migration, "migration");
        }
        return new StoreDescriptor(typeName, area, namespace, fields, version, oldestVersion, List.of(migrations));
    }

    /** @return the store's version: 1 unless declared */
    public int version() {
        return version;
    }

    /** @return the oldest version whose values are migrated (the version itself when there are no migrations) */
    public int oldestVersion() {
        return migrations.isEmpty() ? version : oldestVersion;
    }

    /** @return the migrations, oldest first: step {@code i} reads version {@link #oldestVersion()} {@code + i} */
    public List<StoreMigration> migrations() {
        return migrations;
    }

    /**
     * The key inside the app under which the browser keeps the version of this store's values:
     * the namespace itself (a field's key is always {@code <namespace>.<name>}).
     *
     * @return the version's key, such as {@code prefs}
     */
    public String versionKey() {
        return namespace;
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
