package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fields the store cannot hold, read or write: one message each, on the field's line. */
class FieldDiagnosticsTest {

    /** A store with one field {@code value} of the type under test, and types to refer to. */
    private static SourceFile storeWithField(String type) {
        return SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;

                @LocalStorage
                public class Prefs {
                    public %s value;

                    private static class Secret {
                        public String code;
                    }

                    public class Part {
                        public String name;
                    }
                }

                interface Shape {}

                abstract class Base {
                    public String name;
                }

                class Box<T> {
                    public T content;
                }
                """.formatted(type));
    }

    static Stream<Arguments> unsupportedTypes() {
        return Stream.of(
                Arguments.of("Object", "Object", "java.lang.Object has no defined stored form"),
                Arguments.of("Shape", "test.Shape", "an interface has no fixed stored form: use a class or a record"),
                Arguments.of("Runnable", "Runnable", "java.lang.Runnable has no defined stored form"),
                Arguments.of(
                        "Base", "test.Base", "an abstract class cannot be read back: use a concrete class or a record"),
                Arguments.of("String[]", "String[]", "arrays are not supported: use a List"),
                Arguments.of("List", "List", "a raw List has no element type: add one, such as List<String>"),
                Arguments.of(
                        "Map<Integer, String>",
                        "Map<Integer, String>",
                        "map keys must be String (JSON object keys are strings), not java.lang.Integer"),
                Arguments.of(
                        "Box<String>",
                        "test.Box<String>",
                        "a generic class has no fixed stored form: use a non-generic class or record"),
                Arguments.of("List<Object>", "List<Object>", "java.lang.Object has no defined stored form"),
                Arguments.of(
                        "List<? extends Number>",
                        "List<? extends Number>",
                        "a wildcard has no fixed stored form: use a concrete type"),
                Arguments.of("Optional<String>", "Optional<String>", "java.util.Optional has no defined stored form"),
                Arguments.of("java.io.File", "java.io.File", "java.io.File has no defined stored form"),
                Arguments.of(
                        "Secret",
                        "test.Prefs.Secret",
                        "test.Prefs.Secret is private, so the generated store cannot name it: make it package-private or public"),
                Arguments.of(
                        "Part",
                        "test.Prefs.Part",
                        "an inner class cannot be read back without an instance of its outer class: make it static"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedTypes")
    void unsupportedFieldTypeIsReportedWithTheReason(String declared, String described, String reason) {
        SourceFile source = storeWithField(declared);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.UNSUPPORTED_TYPE, "value", described, reason))
                .inFile(source.file())
                .onLine(source.lineOf(" value;"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void problemsOfRecordComponentsPointAtTheComponents() {
        // javac has no position for a record component itself: the processor points at its field.
        SourceFile source = SourceFile.of("test.Layout", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage
                public record Layout(
                        Object anything,
                        @Key("a b") String spaced) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.UNSUPPORTED_TYPE, "anything", "Object", "java.lang.Object has no defined stored form"))
                .inFile(source.file())
                .onLine(source.lineOf("Object anything"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.KEY_INVALID, "a b", "a-b"))
                .inFile(source.file())
                .onLine(source.lineOf("String spaced"))
                .atColumn(source.columnOf("\"a b\""));
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void privateFieldWithoutGetterAndSetterIsNotAccessible() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    private String theme;

                    public String getTheme() {
                        return theme;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.FIELD_NOT_ACCESSIBLE, "theme", "test.Prefs", "Theme", "Theme"))
                .inFile(source.file())
                .onLine(source.lineOf("private String theme;"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void finalPublicFieldCannotBeSet() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public final String theme = "light";
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.FIELD_FINAL, "theme", "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public final String theme"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void beanPropertyWithATypeUseAnnotationOnlyOnTheFieldFindsItsGetterAndSetter() {
        // The field's type reads "@Nullable String", the getter's "String": they are still one type.
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import java.lang.annotation.ElementType;
                import java.lang.annotation.Target;

                @LocalStorage
                public class Prefs {
                    private @Nullable String theme;

                    public String getTheme() {
                        return theme;
                    }

                    public void setTheme(String theme) {
                        this.theme = theme;
                    }
                }

                @Target(ElementType.TYPE_USE)
                @interface Nullable {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(compilation.generatedSourceFile("test.PrefsStore"))
                .isPresent();
    }

    @Test
    void fieldsWhoseNamesDifferOnlyInTheFirstLettersCaseWouldClashInTheStore() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public String url;
                    public String Url;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.ACCESSOR_CLASH, "url", "Url", "test.Prefs", "Url", "Url"))
                .inFile(source.file())
                .onLine(source.lineOf("public String Url"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aFieldNamedLikeAnotherFieldsReadWithADefaultIsStoredSinceThatReadIsOnTheHandle() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public String theme;
                    public String themeOrDefault;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        Assertions.assertThat(compilation.generatedSourceFile("test.PrefsStore"))
                .isPresent();
    }

    static Stream<Arguments> methodNameClashes() {
        return Stream.of(
                // the getter isKnown() is the store's own
                Arguments.of(
                        "public String theme;",
                        "public boolean known;",
                        "known",
                        "isKnown",
                        "every store has for itself",
                        "known"),
                // the handle clear() is the store's own; the message offers @Key to keep the stored name
                Arguments.of(
                        "public String theme;",
                        "@Key(\"cleared\") public boolean clear;",
                        "clear",
                        "clear",
                        "every store has for itself",
                        "cleared"),
                // the handle getTitle() is the getter of field title
                Arguments.of(
                        "public String title;",
                        "public String getTitle;",
                        "getTitle",
                        "getTitle",
                        "field 'title' takes",
                        "getTitle"));
    }

    @ParameterizedTest
    @MethodSource("methodNameClashes")
    void aFieldWhoseHandleOrGetterIsAMethodTheStoreHasAlreadyIsRefused(
            String first, String second, String field, String method, String holder, String key) {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    %s
                    %s
                }
                """.formatted(first, second));

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.METHOD_NAME_CLASH, field, "test.Prefs", method, holder, key))
                .inFile(source.file())
                .onLine(source.lineOf(second));
        assertThat(compilation).hadErrorCount(1);
    }
}
