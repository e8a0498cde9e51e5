package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles, with the real processor, every Java block in {@code docs/} that is marked {@code
 * <!-- compiles -->}, so that the reference cannot show code that does not work.
 */
class DocExamplesTest {
    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern EXAMPLE = Pattern.compile("<!-- compiles -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern TYPE =
            Pattern.compile("^(?:public |final |abstract )*(?:class|record|enum|interface) (\\w+)", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> everyMarkedExampleCompiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path doc : (Iterable<Path>)
                    files.filter(p -> p.toString().endsWith(".md")).sorted()::iterator) {
                Matcher matcher = EXAMPLE.matcher(Files.readString(doc, StandardCharsets.UTF_8));
                for (int index = 1; matcher.find(); index++) {
                    String source = matcher.group(1);
                    tests.add(DynamicTest.dynamicTest(doc.getFileName() + " example " + index, () -> compiles(source)));
                }
            }
        }
        assertThat(tests).as("examples marked <!-- compiles --> in docs/").isNotEmpty();
        return tests.stream();
    }

    private static void compiles(String source) {
        Matcher packageName = PACKAGE.matcher(source);
        Matcher typeName = TYPE.matcher(source);
        assertThat(packageName.find()).as("the example declares a package").isTrue();
        assertThat(typeName.find()).as("the example declares a type").isTrue();
        JavaFileObject file = JavaFileObjects.forSourceString(packageName.group(1) + "." + typeName.group(1), source);

        Compilation compilation =
                Compiler.javac().withProcessors(new BrowserStorageProcessor()).compile(file);

        assertThat(compilation).succeededWithoutWarnings();
    }
}
