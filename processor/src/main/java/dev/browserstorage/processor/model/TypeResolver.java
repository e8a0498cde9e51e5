package dev.browserstorage.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Turns a field's declared type into a {@link ValueType}. */
final class TypeResolver {
    private static final Map<String, ValueType.Kind> SCALARS = Map.ofEntries(
            Map.entry("java.lang.String", ValueType.Kind.STRING),
            Map.entry("java.lang.Boolean", ValueType.Kind.BOOLEAN),
            Map.entry("java.lang.Byte", ValueType.Kind.BYTE),
            Map.entry("java.lang.Short", ValueType.Kind.SHORT),
            Map.entry("java.lang.Integer", ValueType.Kind.INT),
            Map.entry("java.lang.Long", ValueType.Kind.LONG),
            Map.entry("java.lang.Float", ValueType.Kind.FLOAT),
            Map.entry("java.lang.Double", ValueType.Kind.DOUBLE),
            Map.entry("java.lang.Character", ValueType.Kind.CHAR),
            Map.entry("java.math.BigDecimal", ValueType.Kind.BIG_DECIMAL),
            Map.entry("java.util.UUID", ValueType.Kind.UUID),
            Map.entry("java.time.Instant", ValueType.Kind.INSTANT),
            Map.entry("java.time.LocalDate", ValueType.Kind.LOCAL_DATE),
            Map.entry("java.time.LocalDateTime", ValueType.Kind.LOCAL_DATE_TIME),
            Map.entry("java.time.Duration", ValueType.Kind.DURATION));
    private static final Set<String> CONTAINERS = Set.of("java.util.List", "java.util.Set", "java.util.Map");

    private final Elements elements;
    private final Types types;

    TypeResolver(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    ValueType resolve(TypeMirror type) {
        TypeName name = typeName(type);
        return switch (type.getKind()) {
            case BOOLEAN -> ValueType.scalar(ValueType.Kind.BOOLEAN, name);
            case BYTE -> ValueType.scalar(ValueType.Kind.BYTE, name);
            case SHORT -> ValueType.scalar(ValueType.Kind.SHORT, name);
            case INT -> ValueType.scalar(ValueType.Kind.INT, name);
            case LONG -> ValueType.scalar(ValueType.Kind.LONG, name);
            case FLOAT -> ValueType.scalar(ValueType.Kind.FLOAT, name);
            case DOUBLE -> ValueType.scalar(ValueType.Kind.DOUBLE, name);
            case CHAR -> ValueType.scalar(ValueType.Kind.CHAR, name);
            case ERROR -> throw new MissingTypeException(type.toString());
            case DECLARED -> declared((DeclaredType) type, name);
            case ARRAY -> ValueType.unsupported(name, "arrays are not supported: use a List");
            case TYPEVAR ->
                ValueType.unsupported(name, "a type variable has no fixed stored form: use a concrete type");
            case WILDCARD -> ValueType.unsupported(name, "a wildcard has no fixed stored form: use a concrete type");
            default -> ValueType.unsupported(name, "it is not a value type");
        };
    }

    private ValueType declared(DeclaredType type, TypeName name) {
        TypeElement element = (TypeElement) type.asElement();
        String qualified = element.getQualifiedName().toString();
        ValueType.Kind scalar = SCALARS.get(qualified);
        if (scalar != null) {
            return ValueType.scalar(scalar, name);
        }
        if (CONTAINERS.contains(qualified)) {
            return container(type, name, qualified);
        }
        if (isPrivate(element)) {
            return ValueType.unsupported(
                    name,
                    qualified + " is private, so the generated store cannot name it: make it"
                            + " package-private or public");
        }
        if (element.getKind() == ElementKind.ENUM) {
            List<String> constants = new ArrayList<>();
            for (Element member : element.getEnclosedElements()) {
                if (member.getKind() == ElementKind.ENUM_CONSTANT) {
                    constants.add(member.getSimpleName().toString());
                }
            }
            return ValueType.enumType(name, ClassName.get(element), constants);
        }
        return nested(type, element, name, qualified);
    }

    private ValueType container(DeclaredType type, TypeName name, String qualified) {
        List<? extends TypeMirror> arguments = type.getTypeArguments();
        if (arguments.isEmpty()) {
            return ValueType.unsupported(
                    name,
                    "a raw " + qualified.substring("java.util.".length())
                            + " has no element type: add one, such as List<String>");
        }
        if (qualified.equals("java.util.Map")) {
            TypeMirror keyType = arguments.get(0);
            if (keyType.getKind() == TypeKind.ERROR) {
                throw new MissingTypeException(keyType.toString());
            }
            if (!keyType.toString().equals("java.lang.String")) {
                return ValueType.unsupported(
                        name, "map keys must be String (JSON object keys are strings), not " + keyType);
            }
            return ValueType.collection(ValueType.Kind.MAP, name, elementOf(arguments.get(1)));
        }
        ValueType.Kind kind = qualified.equals("java.util.List") ? ValueType.Kind.LIST : ValueType.Kind.SET;
        return ValueType.collection(kind, name, elementOf(arguments.get(0)));
    }

    private ValueType elementOf(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return resolve(
                    types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType());
        }
        return resolve(type);
    }

    private ValueType nested(DeclaredType type, TypeElement element, TypeName name, String qualified) {
        if (qualified.startsWith("java.") || qualified.startsWith("javax.")) {
            return ValueType.unsupported(name, qualified + " has no defined stored form");
        }
        ElementKind kind = element.getKind();
        if (kind == ElementKind.INTERFACE || kind == ElementKind.ANNOTATION_TYPE) {
            return ValueType.unsupported(name, "an interface has no fixed stored form: use a class or a record");
        }
        if (element.getModifiers().contains(Modifier.ABSTRACT)) {
            return ValueType.unsupported(
                    name, "an abstract class cannot be read back: use a concrete class or a record");
        }
        if (!type.getTypeArguments().isEmpty() || !element.getTypeParameters().isEmpty()) {
            return ValueType.unsupported(
                    name, "a generic class has no fixed stored form: use a non-generic class or record");
        }
        if (element.getNestingKind() == NestingKind.MEMBER
                && !element.getModifiers().contains(Modifier.STATIC)
                && kind == ElementKind.CLASS) {
            return ValueType.unsupported(
                    name,
                    "an inner class cannot be read back without an instance of its outer class:" + " make it static");
        }
        return ValueType.json(name, ClassName.get(element), kind == ElementKind.RECORD);
    }

    /** A private type, or one nested in a private type: code outside its top-level class cannot name it. */
    private static boolean isPrivate(TypeElement element) {
        for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }

    private TypeName typeName(TypeMirror type) {
        try {
            return TypeName.get(type);
        } catch (IllegalArgumentException e) {
            throw new MissingTypeException(type.toString());
        }
    }

    Elements elements() {
        return elements;
    }
}
