package dev.browserstorage.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;

/**
 * A test's source file, with the line and column of a piece of its text, so that a test says
 * {@code onLine(prefs.lineOf("public Object anything"))} rather than a number that goes stale when
 * the source is edited.
 */
final class SourceFile {
    private final JavaFileObject file;
    private final List<String> lines;

    private SourceFile(String qualifiedName, String text) {
        this.file = JavaFileObjects.forSourceString(qualifiedName, text);
        this.lines = text.lines().toList();
    }

    /**
     * A source file.
     *
     * @param qualifiedName the top-level type's qualified name, which names the file
     * @param text the source, usually a text block
     */
    static SourceFile of(String qualifiedName, String text) {
        return new SourceFile(qualifiedName, text);
    }

    JavaFileObject file() {
        return file;
    }

    /** The 1-based number of the one line that contains {@code fragment}. */
    long lineOf(String fragment) {
        List<Integer> matches = IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).contains(fragment))
                .boxed()
                .toList();
        assertThat(matches)
                .as("lines of %s containing '%s'", file.getName(), fragment)
                .hasSize(1);
        return matches.get(0) + 1;
    }

    /** The 1-based column where {@code fragment} starts, on the one line that contains it. */
    long columnOf(String fragment) {
        return lines.get((int) lineOf(fragment) - 1).indexOf(fragment) + 1;
    }
}
