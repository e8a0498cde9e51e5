package dev.browserstorage.processor.model;

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
        boolean finalField) {

    /** @return the stored name's last part: the {@code @Key} value, or the Java name */
    public String keyPart() {
        return key.map(ref -> ref.string("value")).orElse(name);
    }
}
