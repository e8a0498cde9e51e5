package dev.browserstorage.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Optional;

/**
 * A field's type as the processor understands it: which codec stores it and how the schema
 * describes it. Unsupported types are kept as such, with the reason, for the validator to report.
 */
public final class ValueType {
    static final ClassName CODECS = ClassName.get("dev.browserstorage.codec", "Codecs");

    /** The families of supported types. */
    public enum Kind {
        STRING("string()", true),
        BOOLEAN("bool()", true),
        BYTE("byteValue()", true),
        SHORT("shortValue()", true),
        INT("integer()", true),
        LONG("longValue()", true),
        FLOAT("floatValue()", true),
        DOUBLE("doubleValue()", true),
        CHAR("character()", true),
        BIG_DECIMAL("bigDecimal()", true),
        UUID("uuid()", true),
        INSTANT("instant()", true),
        LOCAL_DATE("localDate()", true),
        LOCAL_DATE_TIME("localDateTime()", true),
        DURATION("duration()", true),
        ENUM(null, true),
        LIST(null, false),
        SET(null, false),
        MAP(null, false),
        JSON(null, false),
        UNSUPPORTED(null, false);

        private final String factory;
        private final boolean scalar;

        Kind(String factory, boolean scalar) {
            this.factory = factory;
            this.scalar = scalar;
        }

        /** @return true for types whose stored form is one JSON scalar */
        public boolean isScalar() {
            return scalar;
        }
    }

    private final Kind kind;
    private final TypeName javaType;
    private final ValueType element;
    private final ClassName className;
    private final List<String> enumConstants;
    private final boolean record;
    private final String unsupportedReason;

    private ValueType(
            Kind kind,
            TypeName javaType,
            ValueType element,
            ClassName className,
            List<String> enumConstants,
            boolean record,
            String unsupportedReason) {
        this.kind = kind;
        this.javaType = javaType;
        this.element = element;
        this.className = className;
        this.enumConstants = List.copyOf(enumConstants);
        this.record = record;
        this.unsupportedReason = unsupportedReason;
    }

    static ValueType scalar(Kind kind, TypeName javaType) {
        return new ValueType(kind, javaType, null, null, List.of(), false, null);
    }

    static ValueType enumType(TypeName javaType, ClassName className, List<String> constants) {
        return new ValueType(Kind.ENUM, javaType, null, className, constants, false, null);
    }

    static ValueType collection(Kind kind, TypeName javaType, ValueType element) {
        return new ValueType(kind, javaType, element, null, List.of(), false, null);
    }

    static ValueType json(TypeName javaType, ClassName className, boolean record) {
        return new ValueType(Kind.JSON, javaType, null, className, List.of(), record, null);
    }

    static ValueType unsupported(TypeName javaType, String reason) {
        return new ValueType(Kind.UNSUPPORTED, javaType, null, null, List.of(), false, reason);
    }

    /** @return the family */
    public Kind kind() {
        return kind;
    }

    /** @return the Java type as declared (primitive where the field is primitive) */
    public TypeName javaType() {
        return javaType;
    }

    /** @return true if the declared type is a primitive */
    public boolean isPrimitive() {
        return javaType.isPrimitive();
    }

    /** @return the element type of a list or set, the value type of a map */
    public Optional<ValueType> element() {
        return Optional.ofNullable(element);
    }

    /** @return the enum's constants, in declaration order */
    public List<String> enumConstants() {
        return enumConstants;
    }

    /** @return true for a nested record */
    public boolean isRecord() {
        return record;
    }

    /** @return why the type is not supported, for an unsupported type */
    public Optional<String> unsupportedReason() {
        if (kind == Kind.UNSUPPORTED) {
            return Optional.of(unsupportedReason);
        }
        return element == null ? Optional.empty() : element.unsupportedReason();
    }

    /** @return true if this type, and every type inside it, is supported */
    public boolean isSupported() {
        return unsupportedReason().isEmpty();
    }

    /**
     * The expression that makes this type's JSON codec, such as {@code Codecs.list(Codecs.string())}.
     *
     * @return the expression
     */
    public CodeBlock codec() {
        return switch (kind) {
            case ENUM -> CodeBlock.of("$T.enumOf($T.class)", CODECS, className);
            case LIST -> CodeBlock.of("$T.list($L)", CODECS, element.codec());
            case SET -> CodeBlock.of("$T.set($L)", CODECS, element.codec());
            case MAP -> CodeBlock.of("$T.map($L)", CODECS, element.codec());
            case JSON -> CodeBlock.of("$T.json($T.class)", CODECS, className);
            case UNSUPPORTED -> throw new IllegalStateException("No codec for an unsupported type: " + javaType);
            default -> CodeBlock.of("$T.$L", CODECS, kind.factory);
        };
    }

    /**
     * Describes the type in words for messages: {@code List<String>}.
     *
     * @return the description
     */
    public String describe() {
        return javaType.toString().replace("java.lang.", "").replace("java.util.", "");
    }
}
