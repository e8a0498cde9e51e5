package dev.browserstorage.processor.model;

import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Migration} method of a store's migrations class, with the facts the validator checks.
 *
 * @param element the method
 * @param annotation its {@code @Migration}
 * @param from the version it reads
 * @param isStatic whether it is static
 * @param accessible whether the store's package can call it (the class's own access aside)
 * @param isPrivate whether it is private
 * @param returnsVoid whether it returns nothing
 * @param returnType its return type, for messages
 * @param takesStoredValues whether it takes exactly one {@code StoredValues}
 * @param parameterTypes its parameter types, for messages
 * @param badThrows the thrown types it declares that are not {@code Exception}s
 */
public record MigrationModel(
        ExecutableElement element,
        AnnotationRef annotation,
        int from,
        boolean isStatic,
        boolean accessible,
        boolean isPrivate,
        boolean returnsVoid,
        String returnType,
        boolean takesStoredValues,
        List<String> parameterTypes,
        List<String> badThrows) {

    /** @return the method's name */
    public String name() {
        return element.getSimpleName().toString();
    }
}
