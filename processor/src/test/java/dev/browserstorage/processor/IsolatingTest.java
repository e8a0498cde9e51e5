package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@code isolating} declaration for Gradle promises, and what dev modes and IDEs rely on:
 * every file the processor writes comes from one POJO and names it as its only originating element,
 * and a compilation of one edited POJO (against the earlier output, as an incremental build does)
 * rewrites that POJO's files and leaves the output the same as a full build's.
 */
class IsolatingTest {

    @Test
    void everyFileNamesItsPojoAsItsOnlyOriginatingElement() {
        List<JavaFileObject> sources = new ArrayList<>();
        List.of("records", "cookieStore", "nestedClass").forEach(name -> sources.addAll(GoldenFiles.inputs(name)));
        OriginRecorder recorder = new OriginRecorder(new BrowserStorageProcessor());

        Compilation compilation = Compiler.javac().withProcessors(recorder).compile(sources);

        assertThat(compilation).succeeded();
        // Gradle's rule for an isolating processor: exactly one originating element per file, the
        // type whose source it comes from.
        Map<String, List<String>> expected = new TreeMap<>();
        expected.putAll(filesOf("golden.records", "Layout", true));
        expected.putAll(filesOf("golden.records", "Wizard", true));
        expected.putAll(filesOf("golden.cookie", "UiCookies", false));
        expected.putAll(filesOf("golden.nested", "Outer.Inner", true));
        Assertions.assertThat(recorder.origins).isEqualTo(expected);
    }

    /**
     * What the processor writes for one POJO, each file with that POJO as its only originating
     * element: the store ({@code Outer_InnerStore} for a nested {@code Outer.Inner}), the schema and,
     * for localStorage and sessionStorage, the typed JavaScript store.
     */
    private static Map<String, List<String>> filesOf(String packageName, String nestedName, boolean typedJs) {
        String pojo = packageName + "." + nestedName;
        String binaryName = packageName + "." + nestedName.replace('.', '$');
        Map<String, List<String>> files = new TreeMap<>();
        files.put(packageName + "." + nestedName.replace('.', '_') + "Store", List.of(pojo));
        files.put("META-INF/browser-storage/stores/" + binaryName + ".json", List.of(pojo));
        if (typedJs) {
            files.put("META-INF/browser-storage/js/" + binaryName + ".js", List.of(pojo));
            files.put("META-INF/browser-storage/js/" + binaryName + ".d.ts", List.of(pojo));
        }
        return files;
    }

    @Test
    void recompilingOneEditedPojoRewritesOnlyItsFilesAndLeavesWhatAFullBuildLeaves(@TempDir Path work) {
        SourceFile prefs = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("prefs")
                public class Prefs {
                    public String theme = "light";
                }
                """);
        SourceFile editedPrefs = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("prefs")
                public class Prefs {
                    public String theme = "light";
                    public int fontSize = 14;
                }
                """);
        SourceFile cookies = SourceFile.of("test.ShopCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie(prefix = "shop_")
                public class ShopCookies {
                    public String currency = "EUR";
                }
                """);
        Path incremental = work.resolve("incremental");
        compileInto(incremental, List.of(), prefs, cookies);
        SortedMap<String, String> cookiesBefore = filesOf(incremental, "ShopCookies");

        // What dev mode and IDEs do: only the edited file, with the earlier classes on the class path.
        Set<String> written = compileInto(incremental, List.of(incremental.resolve("classes")), editedPrefs);

        Assertions.assertThat(written)
                .containsExactly(
                        "classes/META-INF/browser-storage/js/test.Prefs.d.ts",
                        "classes/META-INF/browser-storage/js/test.Prefs.js",
                        "classes/META-INF/browser-storage/stores/test.Prefs.json",
                        "generated/test/PrefsStore.java");
        Assertions.assertThat(filesOf(incremental, "ShopCookies"))
                .isEqualTo(cookiesBefore)
                .isNotEmpty();
        Path full = work.resolve("full");
        compileInto(full, List.of(), editedPrefs, cookies);
        Assertions.assertThat(filesOf(incremental, "")).isEqualTo(filesOf(full, ""));
    }

    /** Runs javac with the processor into {@code out}; returns what it wrote there (not class files). */
    private static Set<String> compileInto(Path out, List<Path> classPath, SourceFile... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager standard =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(out.resolve("classes"));
            Path generated = Files.createDirectories(out.resolve("generated"));
            standard.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            standard.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            List<Path> fullClassPath = new ArrayList<>(classPath);
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                fullClassPath.add(Path.of(entry));
            }
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, fullClassPath);
            Set<String> written = new TreeSet<>();
            JavaFileManager recording = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(
                        Location location, String className, JavaFileObject.Kind kind, FileObject sibling)
                        throws IOException {
                    JavaFileObject file = super.getJavaFileForOutput(location, className, kind, sibling);
                    if (kind != JavaFileObject.Kind.CLASS) {
                        written.add(relative(out, file));
                    }
                    return file;
                }

                @Override
                public FileObject getFileForOutput(
                        Location location, String packageName, String relativeName, FileObject sibling)
                        throws IOException {
                    FileObject file = super.getFileForOutput(location, packageName, relativeName, sibling);
                    written.add(relative(out, file));
                    return file;
                }
            };
            JavaCompiler.CompilationTask task = javac.getTask(
                    null,
                    recording,
                    diagnostics,
                    List.of(),
                    null,
                    Stream.of(sources).map(SourceFile::file).toList());
            task.setProcessors(List.of(new BrowserStorageProcessor()));
            Assertions.assertThat(task.call())
                    .as("javac: %s", diagnostics.getDiagnostics())
                    .isTrue();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path out, FileObject file) {
        return out.toAbsolutePath().relativize(Path.of(file.toUri())).toString().replace('\\', '/');
    }

    /** The text of every file the processor wrote under {@code out} whose path contains {@code part}. */
    private static SortedMap<String, String> filesOf(Path out, String part) {
        SortedMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = out.relativize(file).toString().replace('\\', '/');
                if (name.contains(part) && !name.endsWith(".class")) {
                    files.put(name, Files.readString(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /**
     * Runs a processor with a {@link Filer} that records the originating elements of every file it
     * creates, as Gradle's incremental compilation does.
     */
    private static final class OriginRecorder extends AbstractProcessor {
        final SortedMap<String, List<String>> origins = new TreeMap<>();
        private final Processor delegate;

        OriginRecorder(Processor delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            delegate.init(new RecordingEnvironment(env, new RecordingFiler(env.getFiler(), origins)));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }

    private record RecordingEnvironment(ProcessingEnvironment env, Filer filer) implements ProcessingEnvironment {
        @Override
        public Map<String, String> getOptions() {
            return env.getOptions();
        }

        @Override
        public Messager getMessager() {
            return env.getMessager();
        }

        @Override
        public Filer getFiler() {
            return filer;
        }

        @Override
        public Elements getElementUtils() {
            return env.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return env.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return env.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return env.getLocale();
        }
    }

    private record RecordingFiler(Filer filer, SortedMap<String, List<String>> origins) implements Filer {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            record(name.toString(), originatingElements);
            return filer.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            record(name.toString(), originatingElements);
            return filer.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(
                JavaFileManager.Location location,
                CharSequence moduleAndPkg,
                CharSequence relativeName,
                Element... originatingElements)
                throws IOException {
            record(relativeName.toString(), originatingElements);
            return filer.createResource(location, moduleAndPkg, relativeName, originatingElements);
        }

        @Override
        public FileObject getResource(
                JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
                throws IOException {
            return filer.getResource(location, moduleAndPkg, relativeName);
        }

        private void record(String file, Element... originatingElements) {
            List<String> names = new ArrayList<>();
            for (Element element : originatingElements) {
                names.add(
                        element instanceof TypeElement
                                ? ((TypeElement) element).getQualifiedName().toString()
                                : element.getKind() + " " + element);
            }
            origins.put(file, names);
        }
    }
}
