package dev.browserstorage.processor.model;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * One annotation on one element, with its explicit and default values, kept so that diagnostics can
 * point at the exact attribute.
 *
 * @param element the annotated element
 * @param mirror the annotation
 */
public record AnnotationRef(Element element, AnnotationMirror mirror) {

    /**
     * The value of an attribute written in the source.
     *
     * @param name the attribute
     * @return its value, or empty where the default applies
     */
    public Optional<AnnotationValue> explicit(String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                mirror.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The value of an attribute, written or default.
     *
     * @param name the attribute
     * @return its value
     */
    public Object value(String name) {
        Optional<AnnotationValue> explicit = explicit(name);
        if (explicit.isPresent()) {
            return explicit.get().getValue();
        }
        for (Element member : mirror.getAnnotationType().asElement().getEnclosedElements()) {
            if (member instanceof ExecutableElement method
                    && method.getSimpleName().contentEquals(name)) {
                AnnotationValue defaultValue = method.getDefaultValue();
                return defaultValue == null ? null : defaultValue.getValue();
            }
        }
        throw new IllegalArgumentException("No attribute " + name + " on " + mirror);
    }

    /**
     * A string attribute.
     *
     * @param name the attribute
     * @return its value
     */
    public String string(String name) {
        return (String) value(name);
    }

    /**
     * A boolean attribute.
     *
     * @param name the attribute
     * @return its value
     */
    public boolean bool(String name) {
        return (Boolean) value(name);
    }

    /**
     * An enum attribute's constant name.
     *
     * @param name the attribute
     * @return the constant's simple name
     */
    public String enumConstant(String name) {
        return ((Element) value(name)).getSimpleName().toString();
    }
}
