package dev.browserstorage.processor.model;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import dev.browserstorage.StorageArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads an annotated type into a {@link StoreModel}. It records what it finds, including what is
 * wrong; it never reports and never writes.
 */
public final class ModelBuilder {
    /** The annotations that make a type a store, by qualified name, with their area. */
    public static final String LOCAL_STORAGE = "dev.browserstorage.annotation.LocalStorage";
    /** See {@link #LOCAL_STORAGE}. */
    public static final String SESSION_STORAGE = "dev.browserstorage.annotation.SessionStorage";
    /** See {@link #LOCAL_STORAGE}. */
    public static final String COOKIE = "dev.browserstorage.annotation.Cookie";
    /** The field-level annotations. */
    public static final String KEY = "dev.browserstorage.annotation.Key";
    /** See {@link #KEY}. */
    public static final String TTL = "dev.browserstorage.annotation.Ttl";
    /** See {@link #KEY}; also on the type. */
    public static final String SIGNED = "dev.browserstorage.annotation.Signed";
    /** See {@link #KEY}; also on the type. */
    public static final String ENCRYPTED = "dev.browserstorage.annotation.Encrypted";
    /** On a method of a store's migrations class. */
    public static final String MIGRATION = "dev.browserstorage.annotation.Migration";
    /** The parameter type of a migration. */
    public static final String STORED_VALUES = "dev.browserstorage.store.StoredValues";

    private final TypeResolver resolver;
    private final Types types;
    private final Elements elements;
    private final Trees trees;

    /**
     * Creates a builder for one processing environment.
     *
     * @param env the environment
     */
    public ModelBuilder(ProcessingEnvironment env) {
        this.resolver = new TypeResolver(env.getElementUtils(), env.getTypeUtils());
        this.types = env.getTypeUtils();
        this.elements = env.getElementUtils();
        this.trees = treesOf(env);
    }

    private static Trees treesOf(ProcessingEnvironment env) {
        try {
            return Trees.instance(env);
        } catch (RuntimeException | LinkageError e) {
            return null; // not javac: literal defaults are then unknown, which only skips a warning
        }
    }

    /**
     * Reads a type.
     *
     * @param type a type with at least one of the store annotations
     * @return its model
     * @throws MissingTypeException if a type it needs does not exist yet
     */
    public StoreModel build(TypeElement type) {
        List<AnnotationRef> areas = new ArrayList<>();
        List<StorageArea> areaKinds = new ArrayList<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            StorageArea area = areaOf(mirror);
            if (area != null) {
                areas.add(new AnnotationRef(type, mirror));
                areaKinds.add(area);
            }
        }
        if (areas.isEmpty()) {
            throw new IllegalArgumentException(type + " has no store annotation");
        }
        AnnotationRef areaAnnotation = areas.get(0);
        StorageArea area = areaKinds.get(0);
        String namespace = area == StorageArea.COOKIE ? "" : namespaceOf(type, areaAnnotation);
        boolean record = type.getKind() == ElementKind.RECORD;
        List<FieldModel> fields = record ? recordFields(type) : classFields(type);
        if (area == StorageArea.COOKIE) {
            CookiePrism typeCookie = CookiePrism.of(areaAnnotation);
            fields = fields.stream()
                    .map(field -> field.withCookieAttributes(
                            CookieAttributes.resolve(typeCookie, field.cookie().map(CookiePrism::of))))
                    .toList();
        }
        int version = 1;
        Optional<MigrationsModel> migrations = Optional.empty();
        if (area != StorageArea.COOKIE) {
            Object declared = areaAnnotation.value("version");
            version = declared instanceof Integer number ? number : 1;
            migrations = migrationsOf(type, areaAnnotation);
        }
        return new StoreModel(
                type,
                ClassName.get(type),
                storeName(type),
                area,
                areaAnnotation,
                List.copyOf(areas.subList(1, areas.size())),
                namespace,
                record ? AccessKind.RECORD_COMPONENT : AccessKind.FIELD,
                shapeOf(type),
                annotation(type, TTL),
                fields,
                new Protections(annotation(type, SIGNED), annotation(type, ENCRYPTED)),
                version,
                migrations);
    }

    /**
     * The class a store names in {@code migrations}, read as a type mirror (never loaded), with its
     * {@code @Migration} methods; empty for the default {@code void.class}.
     */
    private Optional<MigrationsModel> migrationsOf(TypeElement store, AnnotationRef areaAnnotation) {
        Object value = areaAnnotation.value("migrations");
        if (!(value instanceof TypeMirror mirror) || mirror.getKind() == TypeKind.VOID) {
            return Optional.empty();
        }
        if (mirror.getKind() == TypeKind.ERROR) {
            throw new MissingTypeException(mirror.toString());
        }
        if (!(mirror instanceof DeclaredType declared)
                || !(declared.asElement() instanceof TypeElement migrationsType)) {
            return Optional.empty();
        }
        String storePackage = elements.getPackageOf(store).getQualifiedName().toString();
        boolean samePackage =
                elements.getPackageOf(migrationsType).getQualifiedName().contentEquals(storePackage);
        boolean classAccessible = true;
        for (Element e = migrationsType; e instanceof TypeElement; e = e.getEnclosingElement()) {
            classAccessible &= reachable(e, samePackage);
        }
        TypeMirror storedValues = Optional.ofNullable(elements.getTypeElement(STORED_VALUES))
                .map(Element::asType)
                .orElse(null);
        TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
        List<MigrationModel> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(migrationsType.getEnclosedElements())) {
            Optional<AnnotationRef> migration = annotation(method, MIGRATION);
            if (migration.isEmpty() || !(migration.get().value("from") instanceof Integer from)) {
                continue; // without from, javac itself reports the annotation
            }
            List<String> parameters = method.getParameters().stream()
                    .map(parameter -> parameter.asType().toString())
                    .toList();
            boolean takesStoredValues = method.getParameters().size() == 1
                    && storedValues != null
                    && types.isSameType(method.getParameters().get(0).asType(), storedValues);
            List<String> badThrows = method.getThrownTypes().stream()
                    .filter(thrown -> !types.isSubtype(thrown, exception))
                    .map(TypeMirror::toString)
                    .toList();
            methods.add(new MigrationModel(
                    method,
                    migration.get(),
                    from,
                    method.getModifiers().contains(Modifier.STATIC),
                    reachable(method, samePackage),
                    method.getModifiers().contains(Modifier.PRIVATE),
                    method.getReturnType().getKind() == TypeKind.VOID,
                    method.getReturnType().toString(),
                    takesStoredValues,
                    parameters,
                    badThrows));
        }
        return Optional.of(new MigrationsModel(
                migrationsType, ClassName.get(migrationsType), classAccessible, storePackage, methods));
    }

    /** Whether code in the store's package (not a subclass) can name an element. */
    private static boolean reachable(Element element, boolean samePackage) {
        Set<Modifier> modifiers = element.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC)) {
            return true;
        }
        if (element.getEnclosingElement() instanceof TypeElement owner
                && owner.getKind().isInterface()) {
            return !modifiers.contains(Modifier.PRIVATE); // interface members are public unless private
        }
        return samePackage && !modifiers.contains(Modifier.PRIVATE);
    }

    /**
     * The area an annotation declares, or {@code null} if it is not a store annotation.
     *
     * @param mirror an annotation
     * @return its area, or {@code null}
     */
    public static StorageArea areaOf(AnnotationMirror mirror) {
        String name = ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
        return switch (name) {
            case LOCAL_STORAGE -> StorageArea.LOCAL;
            case SESSION_STORAGE -> StorageArea.SESSION;
            case COOKIE -> StorageArea.COOKIE;
            default -> null;
        };
    }

    private static String namespaceOf(TypeElement type, AnnotationRef annotation) {
        String declared = annotation.string("value");
        return declared.isEmpty() ? Names.decapitalize(type.getSimpleName().toString()) : declared;
    }

    private static ClassName storeName(TypeElement type) {
        ClassName pojo = ClassName.get(type);
        return ClassName.get(pojo.packageName(), String.join("_", pojo.simpleNames()) + "Store");
    }

    private StoreModel.TypeShape shapeOf(TypeElement type) {
        boolean noArg = false;
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            // A private class's implicit constructor is private too: TYPE_PRIVATE alone says what to fix.
            boolean reachable = !constructor.getModifiers().contains(Modifier.PRIVATE)
                    || elements.getOrigin(constructor) == Elements.Origin.MANDATED;
            if (constructor.getParameters().isEmpty() && reachable) {
                noArg = true;
            }
        }
        boolean inner = type.getNestingKind() == NestingKind.MEMBER
                && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS;
        boolean privateType = false;
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            privateType |= e.getModifiers().contains(Modifier.PRIVATE);
        }
        return new StoreModel.TypeShape(
                type.getKind().name().toLowerCase(java.util.Locale.ROOT),
                type.getModifiers().contains(Modifier.ABSTRACT) && type.getKind() == ElementKind.CLASS,
                privateType,
                inner,
                !type.getTypeParameters().isEmpty(),
                noArg);
    }

    private List<FieldModel> recordFields(TypeElement type) {
        List<FieldModel> fields = new ArrayList<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            ExecutableElement accessor = component.getAccessor();
            fields.add(new FieldModel(
                    component,
                    component.getSimpleName().toString(),
                    fields.size(),
                    AccessKind.RECORD_COMPONENT,
                    accessor.getSimpleName().toString(),
                    null,
                    resolver.resolve(component.asType()),
                    annotation(component, KEY),
                    annotation(component, TTL),
                    annotation(component, COOKIE),
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    new Protections(annotation(component, SIGNED), annotation(component, ENCRYPTED))));
        }
        return fields;
    }

    private List<FieldModel> classFields(TypeElement type) {
        List<FieldModel> fields = new ArrayList<>();
        List<ExecutableElement> methods = ElementFilter.methodsIn(type.getEnclosedElements());
        for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
            if (field.getModifiers().contains(Modifier.STATIC)
                    || field.getModifiers().contains(Modifier.TRANSIENT)) {
                continue;
            }
            String name = field.getSimpleName().toString();
            ExecutableElement getter = findGetter(methods, field);
            ExecutableElement setter = findSetter(methods, field);
            ValueType valueType = resolver.resolve(field.asType());
            AccessKind access;
            if (field.getModifiers().contains(Modifier.PUBLIC)) {
                access = AccessKind.FIELD;
            } else if (getter != null && setter != null) {
                access = AccessKind.BEAN;
            } else {
                access = AccessKind.INACCESSIBLE;
            }
            fields.add(new FieldModel(
                    field,
                    name,
                    fields.size(),
                    access,
                    getter == null ? null : getter.getSimpleName().toString(),
                    setter == null ? null : setter.getSimpleName().toString(),
                    valueType,
                    onFieldOrGetter(field, getter, KEY),
                    onFieldOrGetter(field, getter, TTL),
                    onFieldOrGetter(field, getter, COOKIE),
                    literalInitializer(field, valueType),
                    field.getModifiers().contains(Modifier.FINAL),
                    Optional.empty(),
                    new Protections(
                            onFieldOrGetter(field, getter, SIGNED), onFieldOrGetter(field, getter, ENCRYPTED))));
        }
        return fields;
    }

    /** An annotation on a field, else on its getter. */
    private static Optional<AnnotationRef> onFieldOrGetter(
            VariableElement field, ExecutableElement getter, String qualifiedName) {
        return annotation(field, qualifiedName)
                .or(() -> Optional.ofNullable(getter).flatMap(g -> annotation(g, qualifiedName)));
    }

    private ExecutableElement findGetter(List<ExecutableElement> methods, VariableElement field) {
        String property = field.getSimpleName().toString();
        boolean bool = field.asType().getKind() == TypeKind.BOOLEAN;
        for (ExecutableElement method : methods) {
            String name = method.getSimpleName().toString();
            boolean named =
                    name.equals(Names.getter(property, false)) || (bool && name.equals(Names.getter(property, true)));
            if (named
                    && usable(method)
                    && method.getParameters().isEmpty()
                    && sameType(method.getReturnType(), field.asType())) {
                return method;
            }
        }
        return null;
    }

    private ExecutableElement findSetter(List<ExecutableElement> methods, VariableElement field) {
        String name = Names.setter(field.getSimpleName().toString());
        for (ExecutableElement method : methods) {
            if (method.getSimpleName().contentEquals(name)
                    && usable(method)
                    && method.getParameters().size() == 1
                    && sameType(method.getParameters().get(0).asType(), field.asType())) {
                return method;
            }
        }
        return null;
    }

    private static boolean usable(ExecutableElement method) {
        return !method.getModifiers().contains(Modifier.STATIC)
                && !method.getModifiers().contains(Modifier.PRIVATE);
    }

    /**
     * Types.isSameType ignores type-use annotations, so a field declared {@code @Nullable String}
     * finds its plain {@code String} getter; it is false for any wildcard, hence the text as well.
     */
    private boolean sameType(TypeMirror a, TypeMirror b) {
        return types.isSameType(a, b) || a.toString().equals(b.toString());
    }

    private static String lastIdentifier(ExpressionTree expression) {
        if (expression instanceof MemberSelectTree select) {
            return select.getIdentifier().toString();
        }
        if (expression instanceof IdentifierTree identifier) {
            return identifier.getName().toString();
        }
        return "";
    }

    private Optional<Object> literalInitializer(VariableElement field, ValueType type) {
        if (trees == null) {
            return Optional.empty();
        }
        try {
            Tree tree = trees.getTree(field);
            ExpressionTree initializer = tree instanceof VariableTree variable ? variable.getInitializer() : null;
            if (initializer instanceof LiteralTree literal) {
                return Optional.ofNullable(literal.getValue());
            }
            if (type.kind() == ValueType.Kind.ENUM && initializer != null) {
                String constant = lastIdentifier(initializer);
                return type.enumConstants().contains(constant) ? Optional.of(constant) : Optional.empty();
            }
            if (initializer instanceof MethodInvocationTree invocation
                    && invocation.getArguments().isEmpty()) {
                // List.of(), Set.of(), Map.of(): the common "empty by default" initializers.
                String call = invocation.getMethodSelect().toString();
                if (call.matches("(java\\.util\\.)?(List|Set)\\.of")
                        && (type.kind() == ValueType.Kind.LIST || type.kind() == ValueType.Kind.SET)) {
                    return Optional.of(List.of());
                }
                if (call.matches("(java\\.util\\.)?Map\\.of") && type.kind() == ValueType.Kind.MAP) {
                    return Optional.of(java.util.Map.of());
                }
            }
        } catch (RuntimeException e) {
            // A field from a class file has no tree: its default is simply unknown at compile time.
        }
        return Optional.empty();
    }

    /**
     * The annotation of a type on an element, if present.
     *
     * @param element the element
     * @param qualifiedName the annotation's qualified name
     * @return the annotation
     */
    public static Optional<AnnotationRef> annotation(Element element, String qualifiedName) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(qualifiedName)) {
                return Optional.of(new AnnotationRef(element, mirror));
            }
        }
        return Optional.empty();
    }
}
