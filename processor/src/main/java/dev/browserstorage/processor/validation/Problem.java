package dev.browserstorage.processor.validation;

import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One diagnostic to report: the message, its values, and exactly where it points.
 *
 * @param message the message
 * @param element the element it is about
 * @param annotation the annotation on that element, or {@code null}
 * @param value the annotation's attribute value, or {@code null}
 * @param args the message's values
 */
public record Problem(
        Message message, Element element, AnnotationMirror annotation, AnnotationValue value, List<Object> args) {

    /**
     * A problem on an element.
     *
     * @param message the message
     * @param element where
     * @param args the message's values
     * @return the problem
     */
    public static Problem on(Message message, Element element, Object... args) {
        return new Problem(message, element, null, null, Arrays.asList(args));
    }

    /**
     * A problem on an annotation's attribute.
     *
     * @param message the message
     * @param element the annotated element
     * @param annotation the annotation
     * @param value the attribute value, or {@code null} to point at the whole annotation
     * @param args the message's values
     * @return the problem
     */
    public static Problem at(
            Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
        return new Problem(message, element, annotation, value, Arrays.asList(args));
    }

    /** @return the full text */
    public String text() {
        return message.format(args.toArray());
    }

    /** @return true for an error (the store is then not generated) */
    public boolean isError() {
        return message.kind() == javax.tools.Diagnostic.Kind.ERROR;
    }
}
