package dev.browserstorage.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.browserstorage.processor.model.MissingTypeException;
import dev.browserstorage.processor.model.ModelBuilder;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.processor.validation.KeyRegistry;
import dev.browserstorage.processor.validation.Message;
import dev.browserstorage.processor.validation.Problem;
import dev.browserstorage.processor.validation.StoreValidator;
import dev.browserstorage.processor.writer.JsStoreWriter;
import dev.browserstorage.processor.writer.SchemaWriter;
import dev.browserstorage.processor.writer.StoreWriter;
import dev.browserstorage.processor.writer.TypeScriptWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Generates a typed store and a JSON schema (and, for localStorage and sessionStorage, a typed
 * JavaScript store) for every class or record annotated with {@code @LocalStorage}, {@code
 * @SessionStorage} or {@code @Cookie}.
 *
 * <p>Each type goes through three steps: the {@link ModelBuilder} reads it, the {@link
 * StoreValidator} lists its problems, and, if none is an error, the writers write it. A type that
 * refers to a type not generated yet is looked at again in the next round; one with errors is
 * reported whole and skipped, and the others go on. The processor never claims the annotations.
 *
 * <p>Isolating: every file it writes comes from one POJO and names it as its originating element,
 * and nothing lists all stores (the generated store carries {@code @GeneratedStore}, by which a
 * server finds it), so a compilation of only some POJOs, as IDEs, dev modes and Gradle make, leaves
 * the other POJOs' output whole and current.
 */
@AutoService(Processor.class)
public final class BrowserStorageProcessor extends AbstractProcessor {
    private static final List<String> STORE_ANNOTATIONS =
            List.of(ModelBuilder.LOCAL_STORAGE, ModelBuilder.SESSION_STORAGE, ModelBuilder.COOKIE);
    private static final List<String> FIELD_ANNOTATIONS = List.of(
            ModelBuilder.KEY, ModelBuilder.TTL, ModelBuilder.COOKIE, ModelBuilder.SIGNED, ModelBuilder.ENCRYPTED);

    private final Set<String> deferred = new TreeSet<>();
    private final Map<String, String> missingTypes = new TreeMap<>();
    private final Set<String> processed = new HashSet<>();
    private final Set<String> strayReported = new HashSet<>();

    private Elements elements;
    private Messager messager;
    private ModelBuilder models;
    private StoreWriter storeWriter;
    private final SchemaWriter schemaWriter = new SchemaWriter();
    private final JsStoreWriter jsWriter = new JsStoreWriter(BrowserStorageProcessor.class.getName());
    private final TypeScriptWriter typeScriptWriter = new TypeScriptWriter(BrowserStorageProcessor.class.getName());

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        elements = env.getElementUtils();
        messager = env.getMessager();
        models = new ModelBuilder(env);
        Optional<ClassName> generated = env.getSourceVersion().compareTo(SourceVersion.RELEASE_8) > 0
                        && elements.getTypeElement("javax.annotation.processing.Generated") != null
                ? Optional.of(ClassName.get("javax.annotation.processing", "Generated"))
                : Optional.empty();
        storeWriter = new StoreWriter(generated, BrowserStorageProcessor.class.getName());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(
                ModelBuilder.LOCAL_STORAGE,
                ModelBuilder.SESSION_STORAGE,
                ModelBuilder.COOKIE,
                ModelBuilder.KEY,
                ModelBuilder.TTL,
                ModelBuilder.SIGNED,
                ModelBuilder.ENCRYPTED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        try {
            Set<String> names = new TreeSet<>(deferred);
            deferred.clear();
            for (String annotation : STORE_ANNOTATIONS) {
                TypeElement type = elements.getTypeElement(annotation);
                if (type == null) {
                    continue;
                }
                for (Element element : round.getElementsAnnotatedWith(type)) {
                    if (element instanceof TypeElement) {
                        names.add(((TypeElement) element).getQualifiedName().toString());
                    }
                }
            }
            reportStrayAnnotations(round);
            // Keys are checked against the stores of this round only: what another round or another
            // compilation holds is not this type's input. Across all of them the server checks.
            StoreValidator validator = new StoreValidator(new KeyRegistry());
            for (String name : names) {
                TypeElement type = elements.getTypeElement(name);
                if (type != null && !processed.contains(name)) {
                    processType(name, type, validator);
                }
            }
            if (round.processingOver()) {
                reportMissingTypes();
            }
        } catch (RuntimeException e) {
            messager.printMessage(
                    Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format("this compilation", stackTrace(e)));
        }
        return false;
    }

    private void processType(String name, TypeElement type, StoreValidator validator) {
        try {
            StoreModel model = models.build(type);
            List<Problem> problems = validator.validate(model);
            processed.add(name);
            missingTypes.remove(name);
            problems.forEach(this::report);
            if (problems.stream().noneMatch(Problem::isError)) {
                write(model);
            }
        } catch (MissingTypeException e) {
            deferred.add(name);
            missingTypes.put(name, e.missing());
        } catch (RuntimeException | IOException e) {
            processed.add(name);
            messager.printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(name, stackTrace(e)), type);
        }
    }

    private void write(StoreModel model) throws IOException {
        storeWriter.write(model).writeTo(processingEnv.getFiler());
        writeResource(SchemaWriter.path(model), schemaWriter.write(model), model);
        if (JsStoreWriter.applies(model)) {
            writeResource(JsStoreWriter.path(model), jsWriter.write(model), model);
            writeResource(TypeScriptWriter.path(model), typeScriptWriter.write(model), model);
        }
    }

    /** A per-store resource: isolating, with the POJO as its one originating element. */
    private void writeResource(String path, String text, StoreModel model) throws IOException {
        FileObject file =
                processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, model.element());
        try (Writer out = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(text);
        }
    }

    private void reportMissingTypes() {
        for (String name : deferred) {
            TypeElement type = elements.getTypeElement(name);
            String text = Message.MISSING_TYPE.format(name, missingTypes.get(name));
            if (type == null) {
                messager.printMessage(Message.MISSING_TYPE.kind(), text);
            } else {
                messager.printMessage(Message.MISSING_TYPE.kind(), text, type);
            }
        }
        deferred.clear();
    }

    /**
     * {@code @Key}, {@code @Ttl}, a field's {@code @Cookie}, {@code @Signed} or {@code @Encrypted} on
     * a type that is not a store.
     */
    private void reportStrayAnnotations(RoundEnvironment round) {
        for (String annotation : FIELD_ANNOTATIONS) {
            TypeElement annotationType = elements.getTypeElement(annotation);
            if (annotationType == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotationType)) {
                Element owner = element instanceof TypeElement ? element : element.getEnclosingElement();
                if (!(owner instanceof TypeElement) || isStore((TypeElement) owner)) {
                    continue;
                }
                String simpleName = annotationType.getSimpleName().toString();
                // A record component's annotation is also on its field and accessor: report it once.
                if (strayReported.add(
                        simpleName + "@" + ((TypeElement) owner).getQualifiedName() + "#" + element.getSimpleName())) {
                    Message message = Message.ANNOTATION_OUTSIDE_STORE;
                    messager.printMessage(
                            message.kind(),
                            message.format(
                                    simpleName,
                                    element.getSimpleName(),
                                    ((TypeElement) owner).getQualifiedName(),
                                    simpleName),
                            positioned(element));
                }
            }
        }
    }

    private static boolean isStore(TypeElement type) {
        return type.getAnnotationMirrors().stream().anyMatch(mirror -> ModelBuilder.areaOf(mirror) != null);
    }

    private void report(Problem problem) {
        Diagnostic.Kind kind = problem.message().kind();
        Element element = positioned(problem.element());
        if (problem.annotation() != null && problem.value() != null) {
            messager.printMessage(kind, problem.text(), element, problem.annotation(), problem.value());
        } else if (problem.annotation() != null) {
            messager.printMessage(kind, problem.text(), element, problem.annotation());
        } else {
            messager.printMessage(kind, problem.text(), element);
        }
    }

    /**
     * javac has no source position for a record component (a message on it shows no file and no
     * line), so point at the record's field of the same name: it is declared at the same place and
     * carries the same annotations.
     */
    private static Element positioned(Element element) {
        if (element.getKind() != ElementKind.RECORD_COMPONENT) {
            return element;
        }
        for (VariableElement field :
                ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements())) {
            if (field.getSimpleName().contentEquals(element.getSimpleName())
                    && !field.getModifiers().contains(Modifier.STATIC)) {
                return field;
            }
        }
        return element;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
