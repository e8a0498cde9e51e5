package dev.browserstorage.processor.model;

import com.palantir.javapoet.ClassName;
import dev.browserstorage.StorageArea;
import dev.browserstorage.protect.Protection;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * An annotated POJO as the processor understands it. Immutable; built, validated and written within
 * one round, never kept across rounds.
 *
 * @param element the annotated type
 * @param pojo the POJO's class name
 * @param store the generated store's class name
 * @param area where its fields are kept
 * @param areaAnnotation the {@code @LocalStorage}, {@code @SessionStorage} or {@code @Cookie} on it
 * @param otherAreaAnnotations further area annotations on the same type (an error)
 * @param namespace the namespace (declared, or derived from the name); empty for cookies
 * @param kind how fields are reached: {@link AccessKind#RECORD_COMPONENT} for records, otherwise
 *     per field
 * @param shape facts about the type the validator checks
 * @param ttl the {@code @Ttl} on the type
 * @param fields the stored fields in declaration order
 * @param protections the {@code @Signed} and {@code @Encrypted} on the type
 * @param version the declared {@code version} (1 for cookie stores, which have none)
 * @param migrations the class named in {@code migrations}, if any
 */
public record StoreModel(
        TypeElement element,
        ClassName pojo,
        ClassName store,
        StorageArea area,
        AnnotationRef areaAnnotation,
        List<AnnotationRef> otherAreaAnnotations,
        String namespace,
        AccessKind kind,
        TypeShape shape,
        Optional<AnnotationRef> ttl,
        List<FieldModel> fields,
        Protections protections,
        int version,
        Optional<MigrationsModel> migrations) {

    /** @return true for a record */
    public boolean isRecord() {
        return kind == AccessKind.RECORD_COMPONENT;
    }

    /**
     * The key a field has inside the app ({@code namespace.field}), or its cookie name
     * ({@code prefix + field}).
     *
     * @param field one of this store's fields
     * @return the key or cookie name
     */
    public String keyOf(FieldModel field) {
        if (area == StorageArea.COOKIE) {
            return areaAnnotation.string("prefix") + field.keyPart();
        }
        return namespace + "." + field.keyPart();
    }

    /**
     * A cookie field's attributes, read once from its own and its type's {@code @Cookie}.
     *
     * @param field one of this cookie store's fields
     * @return its attributes
     * @throws IllegalStateException if this is not a cookie store
     */
    public CookieAttributes cookie(FieldModel field) {
        return field.cookieAttributes()
                .orElseThrow(() -> new IllegalStateException(field.name() + " is not a cookie field"));
    }

    /**
     * A field's lifetime: its own {@code @Ttl}, else the type's.
     *
     * @param field one of this store's fields
     * @return the ISO-8601 duration, if any
     */
    public Optional<String> ttlOf(FieldModel field) {
        return field.ttl().or(() -> ttl).map(ref -> ref.string("value"));
    }

    /**
     * A field's protection: its own {@code @Signed} or {@code @Encrypted}, else the type's.
     *
     * @param field one of this store's fields
     * @return the protection, {@link Protection#NONE} where none is declared
     */
    public Protection protectionOf(FieldModel field) {
        return field.protections()
                .protection()
                .or(() -> protections.protection())
                .orElse(Protection.NONE);
    }

    /**
     * The oldest version whose values the store migrates: the smallest {@code from} of its
     * migrations.
     *
     * @return the oldest version, or {@link #version()} where there are no migrations
     */
    public int oldestVersion() {
        return migrations
                .flatMap(m -> m.methods().stream().map(MigrationModel::from).min(Integer::compare))
                .orElse(version);
    }

    /**
     * Facts about the annotated type that decide whether a store can be generated for it.
     *
     * @param typeKind "class", "record", "interface", "enum", "annotation"
     * @param isAbstract abstract class
     * @param isPrivate private (nested) type
     * @param isInnerClass a non-static nested class (needs an outer instance)
     * @param isGeneric declares type parameters
     * @param hasNoArgConstructor a constructor without parameters, visible in the package
     */
    public record TypeShape(
            String typeKind,
            boolean isAbstract,
            boolean isPrivate,
            boolean isInnerClass,
            boolean isGeneric,
            boolean hasNoArgConstructor) {}
}
