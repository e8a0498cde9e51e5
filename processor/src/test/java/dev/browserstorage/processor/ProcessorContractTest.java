package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;
import static dev.browserstorage.processor.Compilations.writtenFiles;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.browserstorage.processor.validation.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the processor behaves towards javac and the other processors: it reports every problem of a
 * type and skips only that type, it waits for types another processor generates, it never crashes
 * javac, and it never claims the annotations.
 */
class ProcessorContractTest {

    private static final SourceFile VALID = SourceFile.of("test.Valid", """
            package test;

            import dev.browserstorage.annotation.LocalStorage;

            @LocalStorage("fine")
            public class Valid {
                public String theme = "light";
            }
            """);

    @Test
    void typeWithSeveralProblemsReportsThemAllAndOnlyThatTypeIsSkipped(@TempDir Path output) {
        SourceFile broken = SourceFile.of("test.Broken", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Ttl;

                @LocalStorage("bad name")
                @Ttl("soon")
                public class Broken {
                    public Object anything;
                    private String hidden;
                    public final String fixed = "x";
                    @Key("a b") public String spaced;

                    public Broken(int seed) {}
                }
                """);

        Compilation compilation = compile(broken, VALID);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NAMESPACE_INVALID, "bad name", "bad-name"))
                .inFile(broken.file())
                .onLine(broken.lineOf("@LocalStorage"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TTL_INVALID, "soon"))
                .inFile(broken.file())
                .onLine(broken.lineOf("@Ttl"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NO_USABLE_CONSTRUCTOR, "test.Broken"))
                .inFile(broken.file())
                .onLine(broken.lineOf("public class Broken"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.UNSUPPORTED_TYPE, "anything", "Object", "java.lang.Object has no defined stored form"))
                .inFile(broken.file())
                .onLine(broken.lineOf("anything;"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.FIELD_NOT_ACCESSIBLE, "hidden", "test.Broken", "Hidden", "Hidden"))
                .inFile(broken.file())
                .onLine(broken.lineOf("hidden;"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.FIELD_FINAL, "fixed", "test.Broken"))
                .inFile(broken.file())
                .onLine(broken.lineOf("fixed"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.KEY_INVALID, "a b", "a-b"))
                .inFile(broken.file())
                .onLine(broken.lineOf("spaced;"));
        assertThat(compilation).hadErrorCount(7);

        Set<String> written = writtenFiles(output, broken, VALID);
        Assertions.assertThat(written)
                .containsExactly(
                        "META-INF/browser-storage/js/test.Valid.d.ts",
                        "META-INF/browser-storage/js/test.Valid.js",
                        "META-INF/browser-storage/stores/test.Valid.json",
                        "test/ValidStore.java");
    }

    @Test
    void processorNeverClaimsTheAnnotations() {
        SourceFile prefs = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Ttl;

                @LocalStorage
                @Ttl("PT1H")
                public class Prefs {
                    @Key("colour") public String theme;
                }
                """);
        SourceFile cookies = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie
                public class UiCookies {
                    @Cookie(maxAge = "PT1H") public String lang;
                }
                """);
        AnnotationRecorder later = new AnnotationRecorder();

        // javac offers a round's annotations to the processors in order; one that claims them hides them from the rest.
        Compilation compilation = Compiler.javac()
                .withProcessors(new BrowserStorageProcessor(), later)
                .compile(prefs.file(), cookies.file());

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(later.seen)
                .containsExactly(
                        "dev.browserstorage.annotation.Cookie",
                        "dev.browserstorage.annotation.Key",
                        "dev.browserstorage.annotation.LocalStorage",
                        "dev.browserstorage.annotation.Ttl");
    }

    @Test
    void missingFieldTypeIsReportedOnceAtTheEndWithoutCrashingAndOtherStoresAreStillWritten(@TempDir Path output) {
        SourceFile prefs = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public Missing missing;
                    public String theme;
                }
                """);

        Compilation compilation = compile(prefs, VALID);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.MISSING_TYPE, "test.Prefs", "Missing"))
                .inFile(prefs.file())
                .onLine(prefs.lineOf("public class Prefs"));
        assertReportedOnce(compilation, Message.MISSING_TYPE, "test.Prefs", "Missing");
        assertThat(compilation)
                .hadErrorContaining("cannot find symbol")
                .inFile(prefs.file())
                .onLine(prefs.lineOf("Missing missing"));
        Assertions.assertThat(compilation.errors())
                .as("no internal error")
                .noneMatch(error -> error.getMessage(Locale.ROOT).contains("internal error"));
        Assertions.assertThat(writtenFiles(output, prefs, VALID))
                .contains("test/ValidStore.java")
                .doesNotContain("test/PrefsStore.java");
    }

    @Test
    void fieldTypeThatAnotherProcessorGeneratesInALaterRoundIsWaitedFor() {
        SourceFile prefs = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public Theme theme;
                }
                """);

        // This processor runs after ours in the first round: test.Theme does not exist yet when ours first looks.
        Compilation compilation = Compiler.javac()
                .withProcessors(new BrowserStorageProcessor(), new ThemeGenerator())
                .compile(prefs.file());

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.PrefsStore")
                .contentsAsUtf8String()
                .contains("Codecs.enumOf(Theme.class)");
    }

    @Test
    void storeNameClashIsAnInternalErrorOnTheSecondTypeAndTheBuildGoesOn(@TempDir Path output) {
        SourceFile nested = SourceFile.of("test.Outer", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                public class Outer {
                    @LocalStorage("nested")
                    public static class Inner {
                        public String a;
                    }
                }
                """);
        // Outer.Inner's store is Outer_InnerStore, the same name as this class's store.
        SourceFile underscored = SourceFile.of("test.Outer_Inner", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("underscored")
                public class Outer_Inner {
                    public String b;
                }
                """);

        Compilation compilation = compile(nested, underscored, VALID);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(Pattern.compile(
                        "\\A" + Pattern.quote(Message.INTERNAL_ERROR.format("test.Outer_Inner", ""))
                                + ".*Attempt to recreate a file for type test\\.Outer_InnerStore.*",
                        Pattern.DOTALL))
                .inFile(underscored.file())
                .onLine(underscored.lineOf("public class Outer_Inner"));
        assertThat(compilation).hadErrorCount(1);
        Assertions.assertThat(writtenFiles(output, nested, underscored, VALID))
                .contains("test/Outer_InnerStore.java", "test/ValidStore.java");
    }

    /** Records which of its annotations javac offers it, the way any later processor would see them. */
    private static final class AnnotationRecorder extends AbstractProcessor {
        final Set<String> seen = new TreeSet<>();

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("dev.browserstorage.annotation.*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            annotations.forEach(
                    annotation -> seen.add(annotation.getQualifiedName().toString()));
            return false;
        }
    }

    /** Writes {@code test.Theme} in the first round, as a code generator would. */
    private static final class ThemeGenerator extends AbstractProcessor {
        private boolean written;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
                written = true;
                try (Writer out =
                        processingEnv.getFiler().createSourceFile("test.Theme").openWriter()) {
                    out.write("package test;\n\npublic enum Theme { LIGHT, DARK }\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
