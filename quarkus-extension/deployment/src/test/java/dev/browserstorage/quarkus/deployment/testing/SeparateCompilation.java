package dev.browserstorage.quarkus.deployment.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.jboss.shrinkwrap.api.asset.ByteArrayAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * Store POJOs compiled with the processor while a test builds its application, apart from the
 * test sources: stores the test sources cannot hold (two that clash, which one compilation
 * refuses), and stores that stand for another jar's or for an earlier build's.
 */
public final class SeparateCompilation {
    private final SortedMap<String, byte[]> files;

    private SeparateCompilation(SortedMap<String, byte[]> files) {
        this.files = files;
    }

    /**
     * Compiles sources with the processor, as a build of their own jar would.
     *
     * @param sources each compilation unit's text, by the qualified name of its top-level type
     * @return the classes and resources written, by their path in a jar
     */
    public static SeparateCompilation of(Map<String, String> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out = null;
        try (StandardJavaFileManager fileManager =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            out = Files.createTempDirectory("browser-storage-compiled");
            Path classes = Files.createDirectories(out.resolve("classes"));
            fileManager.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            fileManager.setLocationFromPaths(
                    StandardLocation.SOURCE_OUTPUT, List.of(Files.createDirectories(out.resolve("generated"))));
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new Source(name, text)));
            // By name, from the test class path, where it is a provided dependency: a reference to its
            // class would make javac warn about the annotations on it whose classes are not there.
            JavaCompiler.CompilationTask task = javac.getTask(
                    null,
                    fileManager,
                    diagnostics,
                    List.of("-processor", "dev.browserstorage.processor.BrowserStorageProcessor"),
                    null,
                    units);
            if (!task.call()) {
                throw new IllegalStateException("The test's POJOs do not compile: " + diagnostics.getDiagnostics());
            }
            SortedMap<String, byte[]> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return new SeparateCompilation(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(out);
        }
    }

    /**
     * Adds some of the files to an archive.
     *
     * @param jar the archive
     * @param which the paths to add
     * @return the archive
     */
    public JavaArchive addTo(JavaArchive jar, Predicate<String> which) {
        files.forEach((path, bytes) -> {
            if (which.test(path)) {
                jar.add(new ByteArrayAsset(bytes), path);
            }
        });
        return jar;
    }

    private static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String qualifiedName, String text) {
            super(URI.create("mem:///" + qualifiedName.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
