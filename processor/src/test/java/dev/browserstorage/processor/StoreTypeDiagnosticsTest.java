package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The annotated type itself cannot become a store: one test per message, on the type's line. */
class StoreTypeDiagnosticsTest {

    @Test
    void interfaceIsNotAClassOrRecord() {
        SourceFile source = SourceFile.of("test.Settings", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public interface Settings {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.TYPE_NOT_CLASS_OR_RECORD, "LocalStorage", "interface", "test.Settings"))
                .inFile(source.file())
                .onLine(source.lineOf("public interface Settings"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void enumIsNotAClassOrRecord() {
        SourceFile source = SourceFile.of("test.Mode", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage
                public enum Mode { ON, OFF }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.TYPE_NOT_CLASS_OR_RECORD, "SessionStorage", "enum", "test.Mode"))
                .inFile(source.file())
                .onLine(source.lineOf("public enum Mode"));
    }

    @Test
    void abstractClassCannotBeInstantiated() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public abstract class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TYPE_ABSTRACT, "LocalStorage", "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public abstract class Prefs"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateNestedClassCannotBeReachedAndItsImplicitConstructorIsNotBlamedToo() {
        SourceFile source = SourceFile.of("test.Outer", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                public class Outer {
                    @LocalStorage
                    private static class Prefs {
                        public String theme;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TYPE_PRIVATE, "LocalStorage", "test.Outer.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("private static class Prefs"));
        // The implicit constructor of a private class is private: making the class package-private fixes both.
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void innerClassNeedsAnOuterInstance() {
        SourceFile source = SourceFile.of("test.Outer", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                public class Outer {
                    @LocalStorage
                    public class Prefs {
                        public String theme;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TYPE_INNER, "LocalStorage", "test.Outer.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Prefs"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void genericClassHasNoFixedStoredForm() {
        SourceFile source = SourceFile.of("test.Holder", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Holder<T> {
                    public String label;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TYPE_GENERIC, "LocalStorage", "test.Holder"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Holder<T>"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void classWithOnlyAConstructorWithParametersHasNoUsableConstructor() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public String theme;

                    public Prefs(String theme) {
                        this.theme = theme;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NO_USABLE_CONSTRUCTOR, "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Prefs"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateNoArgConstructorIsNotUsable() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public String theme;

                    private Prefs() {}
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NO_USABLE_CONSTRUCTOR, "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Prefs"));
    }

    @Test
    void twoAreaAnnotationsOnOneTypePointAtTheSecond() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.SessionStorage;

                @LocalStorage
                @SessionStorage
                public class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MULTIPLE_AREAS, "test.Prefs", "LocalStorage", "SessionStorage"))
                .inFile(source.file())
                .onLine(source.lineOf("@SessionStorage"))
                .atColumn(1);
        assertReportedOnce(compilation, Message.MULTIPLE_AREAS, "test.Prefs", "LocalStorage", "SessionStorage");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void namespaceWithASpacePointsAtTheValueAndSuggestsAFix() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("my prefs")
                public class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NAMESPACE_INVALID, "my prefs", "my-prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("@LocalStorage(\"my prefs\")"))
                .atColumn(source.columnOf("\"my prefs\""));
    }

    @Test
    void namespaceWithADotIsInvalidBecauseKeysAreNamespaceDotField() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage(value = "a.b")
                public class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.NAMESPACE_INVALID, "a.b", "a-b"))
                .inFile(source.file())
                .onLine(source.lineOf("@SessionStorage(value = \"a.b\")"))
                .atColumn(source.columnOf("\"a.b\""));
    }

    @Test
    void storeWithoutStorableFieldsWarnsAndStillCompiles() {
        SourceFile empty = SourceFile.of("test.Empty", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Empty {
                    public static String shared;
                    public transient String scratch;
                }
                """);
        SourceFile emptyRecord = SourceFile.of("test.Nothing", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage
                public record Nothing() {}
                """);

        Compilation compilation = compile(empty, emptyRecord);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.NO_FIELDS, "test.Empty"))
                .inFile(empty.file())
                .onLine(empty.lineOf("public class Empty"));
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.NO_FIELDS, "test.Nothing"))
                .inFile(emptyRecord.file())
                .onLine(emptyRecord.lineOf("public record Nothing"));
        assertThat(compilation).hadWarningCount(2);
        Assertions.assertThat(compilation.generatedSourceFile("test.EmptyStore"))
                .isPresent();
        Assertions.assertThat(compilation.generatedSourceFile("test.NothingStore"))
                .isPresent();
    }
}
