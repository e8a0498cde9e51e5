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
import dev.browserstorage.processor.model.CookieValues;
import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.MigrationModel;
import dev.browserstorage.processor.model.MigrationsModel;
import dev.browserstorage.processor.model.Names;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    private static final ClassName STORAGE_TARGET = ClassName.get(RUNTIME + ".browser", "StorageTarget");
    private static final ClassName BROWSER_SOURCE = ClassName.get(RUNTIME + ".browser", "BrowserSource");
    private static final ClassName STORE_FIELD = ClassName.get(RUNTIME + ".store", "StoreField");
    private static final ClassName FIELD = ClassName.get(RUNTIME + ".store", "Field");
    private static final ClassName FIELD_BATCH = ClassName.get(RUNTIME + ".store", "FieldBatch");
    private static final ClassName STORE_DESCRIPTOR = ClassName.get(RUNTIME + ".store", "StoreDescriptor");
    private static final ClassName STORE_ACCESS = ClassName.get(RUNTIME + ".store", "StoreAccess");
    private static final ClassName VALUE_CHANGE = ClassName.get(RUNTIME + ".store", "ValueChange");
    private static final ClassName TYPED_STORE = ClassName.get(RUNTIME + ".store", "TypedStore");
    private static final ClassName GENERATED_STORE = ClassName.get(RUNTIME + ".store", "GeneratedStore");
    private static final ClassName COOKIE_OPTIONS = ClassName.get(RUNTIME + ".cookie", "CookieOptions");
    private static final ClassName PROTECTION = ClassName.get(RUNTIME + ".protect", "Protection");
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
            case LOCAL, SESSION ->
                doc.add(
                        "The fields of {@link $T}, kept in the browser's {@code $L} under\n"
                                + "{@code <app>:$L.<field>}.\n",
                        store.pojo(),
                        store.area() == StorageArea.LOCAL ? "localStorage" : "sessionStorage",
                        store.namespace());
            case COOKIE ->
                doc.add(
                        "The fields of {@link $T}, kept in the browser's cookies, one cookie per field.\n",
                        store.pojo());
        }
        if (store.version() > 1 && store.migrations().isPresent()) {
            MigrationsModel migrations = store.migrations().get();
            int oldest = store.oldestVersion();
            doc.add(
                    "\n<p>Version $L, kept in the browser under {@code <app>:$L}. Values of $L are migrated by the\n"
                            + "{@code @Migration} methods of {@link $T} when a browser connects.\n",
                    store.version(),
                    store.namespace(),
                    oldest == store.version() - 1
                            ? "version " + oldest
                            : "versions " + oldest + " to " + (store.version() - 1),
                    migrations.className());
        }
        addProtectedFields(
                doc, store, Protection.SIGNED, "Signed (page scripts read them; only the server writes them)");
        addProtectedFields(
                doc, store, Protection.ENCRYPTED, "Encrypted (page scripts can neither read nor write them)");
        doc.add(
                "\n<p>Each field has a getter and a setter named as the POJO names them, and a handle named as the\n"
                        + "field, a {@link $T}, for the rest: its value or default without waiting for the browser,\n"
                        + "whether it is set, its removal, its change listener and its key.\n",
                FIELD);
        doc.add("\n<p>Reads answer from the server's copy of the browser's state, with this server's own writes\n"
                + "visible at once; writes complete when the browser has stored them. Generated by browser-storage:\n"
                + "do not edit.\n");
        return doc.build();
    }

    private static void addProtectedFields(
            CodeBlock.Builder doc, StoreModel store, Protection protection, String what) {
        List<String> names = store.fields().stream()
                .filter(field -> store.protectionOf(field) == protection)
                .map(field -> "{@code " + field.name() + "}")
                .toList();
        if (!names.isEmpty()) {
            doc.add("\n<p>$L: $L.\n", what, String.join(", ", names));
        }
    }

    // ---------------------------------------------------------------- constants

    private static List<String> constantNames(StoreModel store) {
        Set<String> taken = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (FieldModel field : store.fields()) {
            String base = Names.upperSnake(field.name());
            String name = base;
            for (int i = 2; !taken.add(name); i++) {
                name = base + "_" + i;
            }
            names.add(name);
        }
        return names;
    }

    private void addConstants(TypeSpec.Builder type, StoreModel store, List<String> constants) {
        if (store.area() != StorageArea.COOKIE) {
            type.addField(FieldSpec.builder(String.class, "NAMESPACE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The namespace of this store's keys.\n")
                    .initializer("$S", store.namespace())
                    .build());
        }
        boolean defaultsInstance = store.shape().hasNoArgConstructor();
        if (defaultsInstance) {
            type.addField(FieldSpec.builder(store.pojo(), "DEFAULTS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("new $T()", store.pojo())
                    .build());
        }
        CodeBlock.Builder fields = CodeBlock.builder();
        for (FieldModel field : store.fields()) {
            String constant = "FIELD_" + constants.get(field.ordinal());
            type.addField(
                    FieldSpec.builder(fieldType(field), constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .initializer(fieldInitializer(store, field, defaultsInstance))
                            .build());
            fields.add(", $L", constant);
        }
        CodeBlock.Builder descriptor = CodeBlock.builder()
                .add(
                        "$T.of($S, $T.$L, $S$L)",
                        STORE_DESCRIPTOR,
                        store.pojo().reflectionName(),
                        STORAGE_AREA,
                        store.area().name(),
                        store.namespace(),
                        fields.build());
        // Without a readable migrations class (a class literal javac could not resolve, which javac
        // reports and so fails the compilation) the version is left out rather than made up.
        boolean versioned = store.version() > 1 && store.migrations().isPresent();
        if (versioned) {
            MigrationsModel migrations = store.migrations().get();
            descriptor.add("$>$>\n.withVersion($L, $L", store.version(), store.oldestVersion());
            for (MigrationModel step : migrations.inOrder()) {
                descriptor.add(", $T::$L", migrations.className(), step.name());
            }
            descriptor.add(")$<$<");
        }
        type.addField(
                FieldSpec.builder(STORE_DESCRIPTOR, "DESCRIPTOR", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc(
                                versioned
                                        ? "Describes this store: its area, namespace, fields, version and migrations.\n"
                                        : "Describes this store: its area, namespace and fields.\n")
                        .initializer(descriptor.build())
                        .build());
        type.addField(FieldSpec.builder(STORE_ACCESS, "access", Modifier.PRIVATE, Modifier.FINAL)
                .build());
    }

    private static TypeName fieldType(FieldModel field) {
        return ParameterizedTypeName.get(STORE_FIELD, field.type().javaType().box());
    }

    /**
     * A field without a lifetime or cookie attributes is one {@code StoreField.of} call; the others
     * go through the builder. Either way javac infers the field's type once, from the codec.
     */
    private static CodeBlock fieldInitializer(StoreModel store, FieldModel field, boolean defaultsInstance) {
        CodeBlock defaultValue = null;
        if (defaultsInstance) {
            defaultValue = read(CodeBlock.of("DEFAULTS"), field);
        } else if (field.type().isPrimitive()) {
            defaultValue = primitiveZero(field.type().javaType());
        }
        CodeBlock described = CodeBlock.of(
                "$L, $T.$L, $S, $S, $L",
                field.ordinal(),
                STORAGE_AREA,
                store.area().name(),
                field.name(),
                store.keyOf(field),
                field.type().codec());
        Optional<String> ttl = store.ttlOf(field);
        Protection protection = store.protectionOf(field);
        if (ttl.isEmpty() && store.area() != StorageArea.COOKIE && protection == Protection.NONE) {
            return CodeBlock.of(
                    "$T.of($L, $L)",
                    STORE_FIELD,
                    described,
                    defaultValue == null ? CodeBlock.of("null") : defaultValue);
        }
        CodeBlock.Builder init = CodeBlock.builder().add("$T.builder($L)$>$>", STORE_FIELD, described);
        if (defaultValue != null) {
            init.add("\n.defaultValue($L)", defaultValue);
        }
        ttl.ifPresent(lifetime -> init.add("\n.ttl($T.parse($S))", Duration.class, lifetime));
        if (store.area() == StorageArea.COOKIE) {
            init.add("\n.cookie($L)", cookieOptions(store, field));
        }
        if (protection != Protection.NONE) {
            init.add("\n.protection($T.$L)", PROTECTION, protection.name());
        }
        return init.add("\n.build()$<$<").build();
    }

    private static CodeBlock cookieOptions(StoreModel store, FieldModel field) {
        CookieValues cookie = store.cookie(field).values();
        CodeBlock.Builder options = CodeBlock.builder().add("$T.builder()", COOKIE_OPTIONS);
        options.add(".path($S)", cookie.path());
        if (!cookie.domain().isEmpty()) {
            options.add(".domain($S)", cookie.domain());
        }
        if (!cookie.maxAge().isEmpty()) {
            options.add(".maxAge($T.parse($S))", Duration.class, cookie.maxAge());
        }
        options.add(".secure($L)", cookie.secure());
        options.add(".sameSite($T.$L)", SAME_SITE, cookie.sameSite());
        if (cookie.partitioned()) {
            options.add(".partitioned(true)");
        }
        if (cookie.httpOnly()) {
            options.add(".httpOnly(true)");
        }
        return options.add(".build()").build();
    }

    private static CodeBlock primitiveZero(TypeName type) {
        return switch (type.toString()) {
            case "boolean" -> CodeBlock.of("false");
            case "long" -> CodeBlock.of("0L");
            case "float" -> CodeBlock.of("0.0f");
            case "double" -> CodeBlock.of("0.0");
            case "char" -> CodeBlock.of("'\\u0000'");
            case "byte" -> CodeBlock.of("(byte) 0");
            case "short" -> CodeBlock.of("(short) 0");
            default -> CodeBlock.of("0");
        };
    }

    private static CodeBlock read(CodeBlock instance, FieldModel field) {
        return switch (field.access()) {
            case FIELD -> CodeBlock.of("$L.$L", instance, field.name());
            case BEAN, RECORD_COMPONENT -> CodeBlock.of("$L.$L()", instance, field.getter());
            case INACCESSIBLE -> throw new IllegalStateException("Field " + field.name() + " is not accessible");
        };
    }

    /** A Javadoc link to the field as the POJO shows it: its getter, its accessor, or the public field. */
    private static CodeBlock link(StoreModel store, FieldModel field) {
        return field.access() == AccessKind.FIELD
                ? CodeBlock.of("{@link $T#$L}", store.pojo(), field.name())
                : CodeBlock.of("{@link $T#$L() $L}", store.pojo(), field.getter(), field.name());
    }

    // ---------------------------------------------------------------- methods

    private static void addConstructor(TypeSpec.Builder type) {
        type.addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "Binds this store to its browsers: one {@code Browser}, or a source that finds the current\n"
                                + "request's browser (how the Quarkus extension injects it).\n\n@param browsers where each call finds its browser\n")
                .addParameter(BROWSER_SOURCE, "browsers")
                .addStatement("this.access = new $T(browsers, DESCRIPTOR)", STORE_ACCESS)
                .build());
        type.addMethod(MethodSpec.methodBuilder("browser")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return the browser this call reads and writes (its tab, for sessionStorage)\n")
                .returns(STORAGE_TARGET)
                .addStatement("return access.browser()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("isHydrated")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return true once the browser has sent what it holds, so reads answer\n")
                .returns(TypeName.BOOLEAN)
                .addStatement("return access.browser().isHydrated()")
                .build());
        type.addMethod(MethodSpec.methodBuilder("awaitHydrated")
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("@return completes when the browser has sent what it holds\n")
                .returns(STAGE_OF_VOID)
                .addStatement("return access.browser().awaitHydrated()")
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

    private static void addFieldMethods(TypeSpec.Builder type, StoreModel store, FieldModel field, String constant) {
        String fieldConstant = "FIELD_" + constant;
        TypeName javaType = field.type().javaType();
        CodeBlock link = link(store, field);
        type.addMethod(MethodSpec.methodBuilder(field.name())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "@return the handle of $L: key {@code $L}$L\n",
                        link,
                        store.keyOf(field),
                        store.ttlOf(field).map(ttl -> ", lifetime " + ttl).orElse(""))
                .returns(ParameterizedTypeName.get(FIELD, javaType.box()))
                .addStatement("return $L.handle(access)", fieldConstant)
                .build());
        type.addMethod(MethodSpec.methodBuilder(field.storeGetter())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "@return the stored $L, or its default: {@link $T#get() $L().get()}\n",
                        link,
                        FIELD,
                        field.name())
                .returns(javaType)
                .addStatement("return $L.get(access)", fieldConstant)
                .build());
        type.addMethod(MethodSpec.methodBuilder(field.storeSetter())
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc(
                        "@param value the new $L$L\n"
                                + "@return completes when the browser has stored it: {@link $T#set(Object) $L().set(value)}\n",
                        link,
                        javaType.isPrimitive() ? "" : ", or {@code null} to remove it",
                        FIELD,
                        field.name())
                .returns(STAGE_OF_VOID)
                .addParameter(javaType, "value")
                .addStatement("return $L.set(access, value)", fieldConstant)
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
                        "$LFIELD_$L.get(access)", field.ordinal() == 0 ? "" : ", ", constants.get(field.ordinal()));
            }
            get.addStatement("return new $T($L)", pojo, arguments.build());
        } else {
            get.addStatement("$T value = new $T()", pojo, pojo);
            for (FieldModel field : store.fields()) {
                String constant = "FIELD_" + constants.get(field.ordinal());
                if (field.access() == AccessKind.BEAN) {
                    get.addStatement("value.$L($L.get(access))", field.setter(), constant);
                } else {
                    get.addStatement("value.$L = $L.get(access)", field.name(), constant);
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
        // One call on each field's constant, not a chain of the batch's generic set: javac then has no
        // type to infer per field.
        set.addStatement("$T batch = access.batch()", FIELD_BATCH);
        for (FieldModel field : store.fields()) {
            set.addStatement(
                    "FIELD_$L.set(batch, $L)", constants.get(field.ordinal()), read(CodeBlock.of("value"), field));
        }
        set.addStatement("return batch.commit()");
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
}
