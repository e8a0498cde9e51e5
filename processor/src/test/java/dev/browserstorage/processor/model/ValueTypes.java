package dev.browserstorage.processor.model;

import com.palantir.javapoet.TypeName;

/** Makes {@link ValueType}s for tests outside the model package. */
public final class ValueTypes {
    private ValueTypes() {}

    /**
     * A scalar type.
     *
     * @param kind its family
     * @return the type, named {@code Object} (the name plays no part in sizes)
     */
    public static ValueType scalar(ValueType.Kind kind) {
        return ValueType.scalar(kind, TypeName.get(Object.class));
    }
}
