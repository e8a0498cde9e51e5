package dev.browserstorage.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.browserstorage.processor.validation.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Runs javac with the processor on in-memory sources, and reads its diagnostics. */
final class Compilations {
    /**
     * Every lint and doclint check except those about the inputs' own habits: a generated store
     * must not add a warning to the build that uses it. ({@code -processing} would warn that no
     * processor claims the annotations, which is by design.)
     */
    static final List<String> STRICT_OPTIONS = List.of("-Xlint:all,-processing", "-Xdoclint:all,-missing");

    private Compilations() {}

    /** Compiles with a fresh processor; the test's class path has the annotations and the runtime. */
    static Compilation compile(SourceFile... sources) {
        return compile(Arrays.stream(sources).map(SourceFile::file).toList());
    }

    static Compilation compile(List<JavaFileObject> sources) {
        return compile(sources, List.of());
    }

    static Compilation compile(List<JavaFileObject> sources, List<String> options) {
        return Compiler.javac()
                .withProcessors(new BrowserStorageProcessor())
                .withOptions(options)
                .compile(sources);
    }

    /**
     * The whole text of a diagnostic, as a pattern for {@code hadErrorContainingMatch}: a message
     * that merely starts with it does not match.
     */
    static Pattern exactly(Message message, Object... args) {
        return Pattern.compile("\\A" + Pattern.quote(message.format(args)) + "\\z");
    }

    /** How many diagnostics of the message's kind have exactly this text. */
    static long countOf(Compilation compilation, Message message, Object... args) {
        String text = message.format(args);
        Diagnostic.Kind kind = message.kind();
        return compilation.diagnostics().stream()
                .filter(d -> d.getKind() == kind && d.getMessage(Locale.ROOT).equals(text))
                .count();
    }

    /** Fails unless the message was reported exactly once. */
    static void assertReportedOnce(Compilation compilation, Message message, Object... args) {
        assertThat(countOf(compilation, message, args))
                .as("times reported: %s%nall diagnostics: %s", message.format(args), compilation.diagnostics())
                .isEqualTo(1);
    }

    /**
     * Loads the classes a successful compilation wrote (the sources and the generated stores), over
     * the test's class path, which has the annotations and the runtime: to run a generated store.
     */
    static ClassLoader classesOf(Compilation compilation) {
        Map<String, JavaFileObject> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                String relative = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length());
                classes.put(
                        relative.substring(0, relative.length() - ".class".length())
                                .replace('/', '.'),
                        file);
            }
        }
        return new ClassLoader(Compilations.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                JavaFileObject file = classes.get(name);
                if (file == null) {
                    throw new ClassNotFoundException(name);
                }
                try (InputStream in = file.openInputStream()) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        };
    }

    /**
     * Compiles into {@code directory} and lists what the processor wrote there, not class files:
     * sources by their package path ({@code pkg/NameStore.java}, kept under {@code generated/}) and
     * resources by their class-output path ({@code META-INF/...}, kept under {@code classes/}).
     * compile-testing shows generated files only after a successful compilation; this shows them
     * after a failed one too.
     */
    static SortedSet<String> writtenFiles(Path directory, SourceFile... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(directory.resolve("classes"));
            Path generated = Files.createDirectories(directory.resolve("generated"));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
            JavaCompiler.CompilationTask task = javac.getTask(
                    null,
                    files,
                    new DiagnosticCollector<>(),
                    List.of(),
                    null,
                    Arrays.stream(sources).map(SourceFile::file).toList());
            task.setProcessors(List.of(new BrowserStorageProcessor()));
            task.call();
            SortedSet<String> written = new TreeSet<>();
            for (Path root : List.of(classes, generated)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(Files::isRegularFile)
                            .map(file -> root.relativize(file).toString().replace('\\', '/'))
                            .filter(name -> !name.endsWith(".class"))
                            .forEach(written::add);
                }
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
