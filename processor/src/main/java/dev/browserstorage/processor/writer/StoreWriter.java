package dev.browserstorage.processor.writer;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import dev.browserstorage.StorageArea;
import dev.browserstorage.processor.model.AccessKind;
import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.StoreModel;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code <Name>Store} class of a valid {@link StoreModel}. Pure: the same model gives the
 * same source, byte for byte.
 */
public final class StoreWriter {
    private static final String RUNTIME = "dev.browserstorage";
    private static final ClassName STORAGE_AREA = ClassName.get(RUNTIME, "StorageArea");
    private static final ClassName REGISTRATION = ClassName.get(RUNTIME, "Registration");
    private static final ClassName BROWSER = ClassName.get(RUNTIME + ".browser", "Browser");
    private static final ClassName BROWSER_SOURCE = ClassName.get(RUNTIME + ".browser", "BrowserSource");
    private static final ClassName STORE_FIELD = ClassName.get(RUNTIME + ".store", "StoreField");
    private static final ClassName STORE_DESCRIPTOR = ClassName.get(RUNTIME + ".store", "StoreDescriptor");
    private static final ClassName STORE_ACCESS = ClassName.get(RUNTIME + ".store", "StoreAccess");
    private static final ClassName VALUE_CHANGE = ClassName.get(RUNTIME + ".store", "ValueChange");
    private static final ClassName TYPED_STORE = ClassName.get(RUNTIME + ".store", "TypedStore");
    private static final ClassName GENERATED_STORE = ClassName.get(RUNTIME + ".store", "GeneratedStore");
    private static final ClassName COOKIE_OPTIONS = ClassName.get(RUNTIME + ".cookie", "CookieOptions");
    private static final ClassName SAME_SITE = ClassName.get(RUNTIME + ".annotation", "SameSite");
    private static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
    private static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
    private static final ClassName UNARY_OPERATOR = ClassName.get("java.util.function", "UnaryOperator");
    private static final TypeName STAGE_OF_VOID =
            ParameterizedTypeName.get(COMPLETION_STAGE, ClassName.get(Void.class));

    private final ClassName generatedAnnotation;
    private final String processorName;

    /**
     * Creates a writer.
     *
     * @param generatedAnnotation {@code javax.annotation.processing.Generated} where the compilation
     *     has it, or empty
     * @param processorName the processor's qualified name, for {@code @Generated}
     */
    public StoreWriter(Optional<ClassName> generatedAnnotation, String processorName) {
        this.generatedAnnotation = generatedAnnotation.orElse(null);
        this.processorName = processorName;
    }

    /**
     * The generated source of a store.
     *
     * @param store a store without errors
     * @return the Java file
     */
    public JavaFile write(StoreModel store) {
        List<String> constants = constantNames(store);
        TypeSpec.Builder type = TypeSpec.classBuilder(store.store())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addOriginatingElement(store.element())
                .addJavadoc(classJavadoc(store));
        if (generatedAnnotation != null) {
            type.addAnnotation(AnnotationSpec.builder(generatedAnnotation)
                    .addMember("value", "$S", processorName)
                    .build());
        }
        // How a server finds this store and its schema in its class index: no list of all stores
        // exists, so a compilation that sees only some POJOs cannot make the others disappear.
        type.addAnnotation(AnnotationSpec.builder(GENERATED_STORE)
                .addMember("pojo", "$T.class", store.pojo())
                .addMember("area", "$T.$L", STORAGE_AREA, store.area().name())
                .addMember("schema", "$S", SchemaWriter.path(store))
                .build());
        addConstants(type, store, constants);
        addConstructor(type);
        addKnownReads(type);
        for (FieldModel field : store.fields()) {
            addFieldMethods(type, store, field, constants.get(field.ordinal()));
        }
        addWholeObjectMethods(type, store, constants);
        return JavaFile.builder(store.store().packageName(), type.build())
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }

    private static CodeBlock classJavadoc(StoreModel store) {
        CodeBlock.Builder doc = CodeBlock.builder();
        switch (store.area()) {
            case LOCAL:
                doc.add(
                        "The fields of {@link $T}, kept in the browser's {@code localStorage} under\n"
                                + "{@code <app>:$L.<field>}.\n",
                        store.pojo(),
                        store.namespace());
                break;
            case SESSION:
                doc.add(
                        "The fields of {@link $T}, kept in the browser's {@code sessionStorage} under\n"
                                + "{@code <app>:$L.<field>}.\n",
                        store.pojo(),
                        store.namespace());
                break;
            default:
                doc.add(
                        "The fields of {@link $T}, kept in the browser's cookies, one cookie per field.\n",
                        store.pojo());
        }
        doc.add("\n<p>Reads answer from the server's copy of the browser's state, with this server's own writes\n"
                + "visible at once; writes complete when the browser has stored them. Generated by browser-storage:\n"
                + "do not edit.\n");
        return doc.build();
    }

    // ---------------------------------------------------------------- constants

    private static List<String> constantNames(StoreModel store) {
        Set<String> taken = new HashSet<>();
        List<String> names = new java.util.ArrayList<>();
        for (FieldModel field : store.fields()) {
            String base = upperSnake(field.name());
            String name = base;
            for (int i = 2; !taken.add(name); i++) {
                name = base + "_" + i;
            }
            names.add(name);
        }
        return names;
    }

    private void addConstants(TypeSpec.Builder type, StoreModel store, List<String> constants) {
        boolean cookie = store.area() == StorageArea.COOKIE;
        if (!cookie) {
            type.addField(FieldSpec.builder(String.class, "NAMESPACE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The namespace of this store's keys.\n")
                    .initializer("$S", store.namespace())
                    .build());
        }
        for (FieldModel field : store.fields()) {
            String key = store.keyOf(field);
            FieldSpec.Builder constant = FieldSpec.builder(
                            String.class,
                            keyConstant(store, constants, field),
                            Modifier.PUBLIC,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer("$S", key);
            if (cookie) {
                constant.addJavadoc("The name of the cookie that holds {@link $T#$L}.\n", store.pojo(), field.name());
            } else {
                constant.addJavadoc(
                        "The key of {@link $T#$L} inside the app: the browser stores it as {@code <app>:$L}.\n",
                        store.pojo(),
                        field.name(),
                        key);
            }
            type.addField(constant.build());
        }
        boolean defaultsInstance = store.shape().hasNoArgConstructor();
        if (defaultsInstance) {
            type.addField(FieldSpec.builder(store.pojo(), "DEFAULTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", store.pojo())
                    .build());
        }
        for (FieldModel field : store.fields()) {
            type.addField(FieldSpec.builder(
                            fieldType(field),
                            "FIELD_" + constants.get(field.ordinal()),
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(fieldInitializer(store, field, keyConstant(store, constants, field), defaultsInstance))
                    .build());
        }
        CodeBlock.Builder fields = CodeBlock.builder();
        for (FieldModel field : store.fields()) {
            fields.add(", FIELD_$L", constants.get(field.ordinal()));
        }
        type.addField(
                FieldSpec.builder(STORE_DESCRIPTOR, "DESCRIPTOR", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Describes this store: its area, namespace and fields.\n")
                        .initializer(
                                "$T.of($S, $T.$L, $S$L)",
                                STORE_DESCRIPTOR,
                                store.pojo().reflectionName(),
                                STORAGE_AREA,
                                store.area().name(),
                                store.namespace(),
                                fields.build())
                        .build());
        type.addField(FieldSpec.builder(STORE_ACCESS, "access", Modifier.PRIVATE, Modifier.FINAL)
                .build());
    }

    private static String keyConstant(StoreModel store, List<String> constants, FieldModel field) {
        return (store.area() == StorageArea.COOKIE ? "COOKIE_" : "KEY_") + constants.get(field.ordinal());
    }

    private static TypeName fieldType(FieldModel field) {
        return ParameterizedTypeName.get(STORE_FIELD, field.type().javaType().box());
    }

    private static CodeBlock fieldInitializer(
            StoreModel store, FieldModel field, String keyConstant, boolean defaultsInstance) {
        CodeBlock.Builder init = CodeBlock.builder()
                .add(
                        "$T.builder($L, $T.$L, $S, $L, $L)$>$>",
                        STORE_FIELD,
                        field.ordinal(),
                        STORAGE_AREA,
                        store.area().name(),
                        field.name(),
                        keyConstant,
                        field.type().codec());
        if (defaultsInstance) {
            init.add("\n.defaultValue($L)", read(CodeBlock.of("DEFAULTS"), field));
        } else if (field.type().isPrimitive()) {
            init.add("\n.defaultValue($L)", primitiveZero(field.type().javaType()));
        }
        store.ttlOf(field).ifPresent(ttl -> init.add("\n.ttl($T.parse($S))", Duration.class, ttl));
        if (store.area() == StorageArea.COOKIE) {
            init.add("\n.cookie($L)", cookieOptions(store, field));
        }
        return init.add("\n.build()$<$<").build();
    }

    private static CodeBlock cookieOptions(StoreModel store, FieldModel field) {
        CodeBlock.Builder options = CodeBlock.builder().add("$T.builder()", COOKIE_OPTIONS);
        options.add(".path($S)", store.cookieAttribute(field, "path").string("path"));
        String domain = store.cookieAttribute(field, "domain").string("domain");
        if (!domain.isEmpty()) {
            options.add(".domain($S)", domain);
        }
        String maxAge = store.cookieAttribute(field, "maxAge").string("maxAge");
        if (!maxAge.isEmpty()) {
            options.add(".maxAge($T.parse($S))", Duration.class, maxAge);
        }
        options.add(".secure($L)", store.cookieAttribute(field, "secure").bool("secure"));
        options.add(
                ".sameSite($T.$L)",
                SAME_SITE,
                store.cookieAttribute(field, "sameSite").enumConstant("sameSite"));
        boolean partitioned = store.cookieAttribute(field, "partitioned").bool("partitioned");
        if (partitioned) {
            options.add(".partitioned(true)");
        }
        boolean httpOnly = store.cookieAttribute(field, "httpOnly").bool("httpOnly");
        if (httpOnly) {
            options.add(".httpOnly(true)");
        }
        return options.add(".build()").build();
    }

    private static CodeBlock primitiveZero(TypeName type) {
        if (type.equals(TypeName.BOOLEAN)) {
            return CodeBlock.of("false");
        } else if (type.equals(TypeName.LONG)) {
            return CodeBlock.of("0L");
        } else if (type.equals(TypeName.FLOAT)) {
            return CodeBlock.of("0.0f");
        } else if (type.equals(TypeName.DOUBLE)) {
            return CodeBlock.of("0.0");
        } else if (type.equals(TypeName.CHAR)) {
            return CodeBlock.of("'\\u0000'");
        } else if (type.equals(TypeName.BYTE)) {
            return CodeBlock.of("(byte) 0");
        } else if (type.equals(TypeName.SHORT)) {
            return CodeBlock.of("(short) 0");
        }
        return CodeBlock.of("0");
    }

    private static CodeBlock read(CodeBlock instance, FieldModel field) {
        switch (field.access()) {
            case FIELD:
                return CodeBlock.of("$L.$L", instance, field.name());
            case BEAN:
            case RECORD_COMPONENT:
                return CodeBlock.of("$L.$L()", instance, field.getter());
            default:
                throw new IllegalStateException("Field " + field.name() + " is not accessible");
        }
    }

    // ---------------------------------------------------------------- methods

    private static void addConstructor(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Binds this store to its browsers: one {@code Browser}, or a source that finds the current\n"
                                + "request's browser (how the Quarkus extension injects it).\n\n@param sessions where each call finds its browser\n")
                .addParameter(BROWSER_SOURCE, "sessions")
                .addStatement("this.access = new $T(sessions, DESCRIPTOR)", STORE_ACCESS)
                .build());
        type.addMethod(MethodSpec.methodBuilder("session")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return the session of the browser this call reads and writes\n")
                .returns(BROWSER)
                .addStatement("return access.session()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("isHydrated")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return true once the browser has sent what it holds, so reads answer\n")
                .returns(TypeName.BOOLEAN)
                .addStatement("return access.session().isHydrated()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("awaitHydrated")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return completes when the browser has sent what it holds\n")
                .returns(STAGE_OF_VOID)
                .addStatement("return access.session().awaitHydrated()")
                .build());
    }

    // ---------------------------------------------------------------- reads that never wait (templates)

    /** The {@code TypedStore} methods: what a template engine reads a store through. */
    private static void addKnownReads(TypeSpec.Builder type) {
        type.addSuperinterface(TYPED_STORE);
        type.addMethod(MethodSpec.methodBuilder("descriptor")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return {@link #DESCRIPTOR}\n")
                .returns(STORE_DESCRIPTOR)
                .addStatement("return DESCRIPTOR")
                .build());
        type.addMethod(MethodSpec.methodBuilder("isKnown")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Whether this call's reads answer from the browser; false, never an exception, before it has\n"
                                + "sent what it holds (or where the call names no tab or no browser).\n\n"
                                + "@return true if the getters answer for every field\n")
                .returns(TypeName.BOOLEAN)
                .addStatement("return access.known()")
                .build());
        TypeVariableName t = TypeVariableName.get("T");
        type.addMethod(MethodSpec.methodBuilder("getOrDefault")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariable(t)
                .addJavadoc("A field's value if the server knows it, else its default; never throws for want of the\n"
                        + "browser's state.\n\n@param field one of {@link #DESCRIPTOR}'s fields\n@param <T> its type\n"
                        + "@return the value or the default\n")
                .returns(t)
                .addParameter(ParameterizedTypeName.get(STORE_FIELD, t), "field")
                .addStatement("return access.getOrDefault(field)")
                .build());
    }

    private static void addDefaultRead(
            TypeSpec.Builder type,
            StoreModel store,
            FieldModel field,
            String property,
            String fieldConstant,
            TypeName javaType) {
        type.addMethod(MethodSpec.methodBuilder("get" + property + "OrDefault")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "The {@link $T#$L} the server knows, or its default where it does not know it yet (before\n"
                                + "the browser has sent what it holds, unless this server wrote it); never throws for want of\n"
                                + "the browser's state. For pages rendered on the server.\n\n@return the value or the default\n",
                        store.pojo(),
                        field.name())
                .returns(javaType)
                .addStatement("return access.getOrDefault($L)", fieldConstant)
                .build());
    }

    private static void addFieldMethods(TypeSpec.Builder type, StoreModel store, FieldModel field, String constant) {
        String property = capitalize(field.name());
        String fieldConstant = "FIELD_" + constant;
        TypeName javaType = field.type().javaType();
        type.addMethod(MethodSpec.methodBuilder("get" + property)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "The stored {@link $T#$L}, or its default if it is absent, expired or unreadable.\n\n"
                                + "@return the value\n"
                                + "@throws dev.browserstorage.NotHydratedException before the browser has sent what it holds\n",
                        store.pojo(),
                        field.name())
                .returns(javaType)
                .addStatement("return access.get($L)", fieldConstant)
                .build());
        addDefaultRead(type, store, field, property, fieldConstant, javaType);
        type.addMethod(MethodSpec.methodBuilder("has" + property)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return true if the browser holds a value for {@link $T#$L}\n", store.pojo(), field.name())
                .returns(TypeName.BOOLEAN)
                .addStatement("return access.isSet($L)", fieldConstant)
                .build());
        type.addMethod(MethodSpec.methodBuilder("set" + property)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Stores {@link $T#$L}$L; readers on this server see it at once.\n\n"
                                + "@param value the new value$L\n"
                                + "@return completes when the browser has stored it; fails, and is taken back, if it cannot\n"
                                + "@throws dev.browserstorage.BrowserStorageException if the value would pass a limit (nothing is sent)\n",
                        store.pojo(),
                        field.name(),
                        store.ttlOf(field).map(ttl -> " for " + ttl).orElse(""),
                        javaType.isPrimitive() ? "" : ", or {@code null} to remove it")
                .returns(STAGE_OF_VOID)
                .addParameter(javaType, "value")
                .addStatement("return access.set($L, value)", fieldConstant)
                .build());
        if (field.ttl().isPresent() || store.ttl().isPresent()) {
            type.addMethod(MethodSpec.methodBuilder("set" + property)
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                            "Stores {@link $T#$L} for a lifetime of its own.\n\n@param value the new value\n"
                                    + "@param ttl how long it lives, positive\n@return completes when the browser has stored it\n",
                            store.pojo(),
                            field.name())
                    .returns(STAGE_OF_VOID)
                    .addParameter(javaType, "value")
                    .addParameter(Duration.class, "ttl")
                    .addStatement("return access.set($L, value, ttl)", fieldConstant)
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("remove" + property)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Removes {@link $T#$L}: it reads as its default afterwards.\n\n"
                                + "@return completes when the browser has removed it\n",
                        store.pojo(),
                        field.name())
                .returns(STAGE_OF_VOID)
                .addStatement("return access.remove($L)", fieldConstant)
                .build());
        TypeName listener = ParameterizedTypeName.get(
                CONSUMER, WildcardTypeName.supertypeOf(ParameterizedTypeName.get(VALUE_CHANGE, javaType.box())));
        type.addMethod(MethodSpec.methodBuilder("on" + property + "Change")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Listens to changes of {@link $T#$L}, from this server or from the browser.\n\n"
                                + "@param listener receives the old and new value\n@return the registration, to remove it\n",
                        store.pojo(),
                        field.name())
                .returns(REGISTRATION)
                .addParameter(listener, "listener")
                .addStatement("return access.onChange($L, listener)", fieldConstant)
                .build());
    }

    private static void addWholeObjectMethods(TypeSpec.Builder type, StoreModel store, List<String> constants) {
        ClassName pojo = store.pojo();
        MethodSpec.Builder get = MethodSpec.methodBuilder("get")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("All fields at once, each stored value or its default.\n\n@return a new $T\n", pojo)
                .returns(pojo);
        if (store.isRecord()) {
            CodeBlock.Builder arguments = CodeBlock.builder();
            for (FieldModel field : store.fields()) {
                arguments.add(
                        "$Laccess.get(FIELD_$L)", field.ordinal() == 0 ? "" : ", ", constants.get(field.ordinal()));
            }
            get.addStatement("return new $T($L)", pojo, arguments.build());
        } else {
            get.addStatement("$T value = new $T()", pojo, pojo);
            for (FieldModel field : store.fields()) {
                String constant = "FIELD_" + constants.get(field.ordinal());
                if (field.access() == AccessKind.BEAN) {
                    get.addStatement("value.$L(access.get($L))", field.setter(), constant);
                } else {
                    get.addStatement("value.$L = access.get($L)", field.name(), constant);
                }
            }
            get.addStatement("return value");
        }
        type.addMethod(get.build());

        MethodSpec.Builder set = MethodSpec.methodBuilder("set")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Stores every field of a value that differs from what is stored now, in one batch.\n\n"
                        + "@param value the new values\n"
                        + "@return completes when the browser has stored them (at once if nothing changed)\n")
                .returns(STAGE_OF_VOID)
                .addParameter(pojo, "value");
        CodeBlock.Builder batch = CodeBlock.builder().add("return access.batch()");
        for (FieldModel field : store.fields()) {
            // addStatement already indents the statement's continuation lines twice.
            batch.add("\n.set(FIELD_$L, $L)", constants.get(field.ordinal()), read(CodeBlock.of("value"), field));
        }
        set.addStatement("$L\n.commit()", batch.build());
        type.addMethod(set.build());

        if (store.isRecord()) {
            type.addMethod(MethodSpec.methodBuilder("update")
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                            "Reads all fields, lets {@code change} make a new value, and stores the fields that differ,\n"
                                    + "in one batch.\n\n@param change makes the new value from the current one\n"
                                    + "@return completes when the browser has stored the changes\n")
                    .returns(STAGE_OF_VOID)
                    .addParameter(ParameterizedTypeName.get(UNARY_OPERATOR, pojo), "change")
                    .addStatement("return set(change.apply(get()))")
                    .build());
        } else {
            type.addMethod(MethodSpec.methodBuilder("update")
                    .addModifiers(Modifier.PUBLIC)
                    .addJavadoc(
                            "Reads all fields, lets {@code change} modify them, and stores the fields that changed,\n"
                                    + "in one batch.\n\n@param change modifies the current value\n"
                                    + "@return completes when the browser has stored the changes (at once if nothing changed)\n")
                    .returns(STAGE_OF_VOID)
                    .addParameter(ParameterizedTypeName.get(CONSUMER, WildcardTypeName.supertypeOf(pojo)), "change")
                    .addStatement("$T value = get()", pojo)
                    .addStatement("change.accept(value)")
                    .addStatement("return set(value)")
                    .build());
        }
        type.addMethod(MethodSpec.methodBuilder("clear")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Removes every field from the browser, in one batch: all read as their defaults afterwards.\n\n"
                                + "@return completes when the browser has removed them\n")
                .returns(STAGE_OF_VOID)
                .addStatement("return access.clear()")
                .build());
        TypeName anyChange = ParameterizedTypeName.get(
                CONSUMER,
                WildcardTypeName.supertypeOf(
                        ParameterizedTypeName.get(VALUE_CHANGE, WildcardTypeName.subtypeOf(Object.class))));
        type.addMethod(MethodSpec.methodBuilder("onChange")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("Listens to changes of every field.\n\n@param listener receives each field's change\n"
                        + "@return the registration, to remove it\n")
                .returns(REGISTRATION)
                .addParameter(anyChange, "listener")
                .addStatement("return access.onAnyChange(listener)")
                .build());
    }

    static String upperSnake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
