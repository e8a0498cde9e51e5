package dev.browserstorage.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * One stored field of an annotated POJO.
 *
 * @param element the field or record component, where diagnostics about the field go
 * @param name the Java name
 * @param ordinal the position among the stored fields
 * @param access how generated code reaches it
 * @param getter the bean getter's name (bean properties only)
 * @param setter the bean setter's name (bean properties only)
 * @param type the value type
 * @param key the {@code @Key} on the field or its getter
 * @param ttl the {@code @Ttl} on the field or its getter
 * @param cookie the {@code @Cookie} on the field or its getter
 * @param defaultLiteral the initializer, where it is a literal (for the schema and the cookie size
 *     warning)
 * @param finalField true if the field is final (it cannot be set)
 * @param cookieAttributes a cookie field's attributes, resolved from its own and its type's
 *     {@code @Cookie} (cookie stores only)
 * @param protections the {@code @Signed} and {@code @Encrypted} on the field or its getter
 */
public record FieldModel(
        Element element,
        String name,
        int ordinal,
        AccessKind access,
        String getter,
        String setter,
        ValueType type,
        Optional<AnnotationRef> key,
        Optional<AnnotationRef> ttl,
        Optional<AnnotationRef> cookie,
        Optional<Object> defaultLiteral,
        boolean finalField,
        Optional<CookieAttributes> cookieAttributes,
        Protections protections) {

    /** @return the stored name's last part: the {@code @Key} value, or the Java name */
    public String keyPart() {
        return key.map(ref -> ref.string("value")).orElse(name);
    }

    /**
     * The name of the store's getter: the POJO's own getter for a bean property ({@code getTitle},
     * {@code isPublished}), otherwise the JavaBeans name of the field or record component ({@code
     * isX} for a primitive {@code boolean}, {@code getX} for the rest).
     *
     * @return the getter's name
     */
    public String storeGetter() {
        return access == AccessKind.BEAN && getter != null
                ? getter
                : Names.getter(name, type.javaType().equals(TypeName.BOOLEAN));
    }

    /** @return the name of the store's setter: {@code setX} */
    public String storeSetter() {
        return Names.setter(name);
    }

    /**
     * This field with its cookie attributes resolved.
     *
     * @param attributes the attributes
     * @return a copy with them
     */
    public FieldModel withCookieAttributes(CookieAttributes attributes) {
        return new FieldModel(
                element,
                name,
                ordinal,
                access,
                getter,
                setter,
                type,
                key,
                ttl,
                cookie,
                defaultLiteral,
                finalField,
                Optional.of(attributes),
                protections);
    }
}
