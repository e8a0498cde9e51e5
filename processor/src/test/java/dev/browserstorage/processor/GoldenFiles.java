package dev.browserstorage.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * Golden files under {@code src/test/resources/golden/<name>/}: the sources a test compiles in
 * {@code input/}, and every file the processor generates from them in {@code expected/} (stores by
 * their package path, resources by their class-output path), compared byte for byte.
 *
 * <p>After an intended change to the generated output, rewrite the expected files with
 * <pre>mvn -B -o -pl processor test -Dtest=GoldenFileTest -Dgolden.update=true</pre>
 * and review the diff before committing it.
 */
final class GoldenFiles {
    static final String UPDATE_PROPERTY = "golden.update";
    static final String UPDATE_COMMAND =
            "mvn -B -o -pl processor test -Dtest=GoldenFileTest -D" + UPDATE_PROPERTY + "=true";

    private GoldenFiles() {}

    /** The golden directory of a test, in the source tree (not the copy on the class path), so updates land there. */
    static Path directory(String name) {
        return Path.of(System.getProperty("basedir", ""))
                .toAbsolutePath()
                .resolve("src/test/resources/golden")
                .resolve(name);
    }

    /** The input sources of a test, in path order. */
    static List<JavaFileObject> inputs(String name) {
        Path input = directory(name).resolve("input");
        List<JavaFileObject> sources = new ArrayList<>();
        for (Path file : list(input)) {
            String relative = input.relativize(file).toString().replace('\\', '/');
            String qualifiedName =
                    relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
            sources.add(JavaFileObjects.forSourceString(qualifiedName, read(file)));
        }
        assertThat(sources).as("inputs in %s", input).isNotEmpty();
        return sources;
    }

    /**
     * Every source and resource the processor generated, by path: {@code pkg/NameStore.java},
     * {@code META-INF/...}. Class files are left out: they are javac's, not the processor's.
     */
    static SortedMap<String, byte[]> generated(Compilation compilation) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                continue;
            }
            // mem:///SOURCE_OUTPUT/pkg/NameStore.java or mem:///CLASS_OUTPUT/META-INF/...
            String path = file.toUri().getPath();
            String relative = path.substring(path.indexOf('/', 1) + 1);
            try (InputStream in = file.openInputStream()) {
                files.put(relative, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /**
     * Compares every generated file with its golden copy, and fails if a file is missing on either
     * side; with {@code -Dgolden.update=true}, rewrites the golden copies instead.
     */
    static void assertMatches(String name, Compilation compilation) {
        Path expected = directory(name).resolve("expected");
        SortedMap<String, byte[]> actual = generated(compilation);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            update(expected, actual);
            return;
        }
        SortedMap<String, byte[]> golden = new TreeMap<>();
        for (Path file : list(expected)) {
            golden.put(expected.relativize(file).toString().replace('\\', '/'), readBytes(file));
        }
        assertThat(actual.keySet())
                .as(
                        "files generated for golden test '%s' (expected: %s). If the change is intended, run: %s",
                        name, expected, UPDATE_COMMAND)
                .containsExactlyElementsOf(golden.keySet());
        for (Map.Entry<String, byte[]> file : actual.entrySet()) {
            byte[] goldenBytes = golden.get(file.getKey());
            if (!Arrays.equals(file.getValue(), goldenBytes)) {
                assertThat(new String(file.getValue(), StandardCharsets.UTF_8))
                        .as(
                                "%s differs from %s. If the change is intended, run: %s",
                                file.getKey(), expected.resolve(file.getKey()), UPDATE_COMMAND)
                        .isEqualTo(new String(goldenBytes, StandardCharsets.UTF_8));
                fail(
                        "%s differs from %s in bytes that decode alike. If the change is intended, run: %s",
                        file.getKey(), expected.resolve(file.getKey()), UPDATE_COMMAND);
            }
        }
    }

    private static void update(Path expected, SortedMap<String, byte[]> actual) {
        try {
            if (Files.exists(expected)) {
                try (Stream<Path> old = Files.walk(expected)) {
                    for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : actual.entrySet()) {
                Path target = expected.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }
}
