package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import org.junit.jupiter.api.Test;

/** {@code @Key}, {@code @Ttl} and a field's {@code @Cookie} in a type that is not a store do nothing: an error says so. */
class StrayAnnotationDiagnosticsTest {

    @Test
    void keyTtlAndCookieOnFieldsOfAPlainClass() {
        SourceFile source = SourceFile.of("test.Plain", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.Ttl;

                public class Plain {
                    @Key("colour") public String theme;
                    @Ttl("PT1H") public String draft;
                    @Cookie public String lang;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.ANNOTATION_OUTSIDE_STORE, "Key", "theme", "test.Plain", "Key"))
                .inFile(source.file())
                .onLine(source.lineOf("public String theme"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.ANNOTATION_OUTSIDE_STORE, "Ttl", "draft", "test.Plain", "Ttl"))
                .inFile(source.file())
                .onLine(source.lineOf("public String draft"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.ANNOTATION_OUTSIDE_STORE, "Cookie", "lang", "test.Plain", "Cookie"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"));
        assertThat(compilation).hadErrorCount(3);
    }

    @Test
    void ttlOnAClassThatIsNotAStore() {
        SourceFile source = SourceFile.of("test.Plain", """
                package test;

                import dev.browserstorage.annotation.Ttl;

                @Ttl("PT1H")
                public class Plain {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.ANNOTATION_OUTSIDE_STORE, "Ttl", "Plain", "test.Plain", "Ttl"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Plain"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void keyOnARecordComponentIsReportedOnceOnTheComponent() {
        // javac copies the annotation to the record's field and accessor: still one mistake, one error.
        SourceFile source = SourceFile.of("test.Point", """
                package test;

                import dev.browserstorage.annotation.Key;

                public record Point(
                        @Key("x-axis") int x,
                        int y) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.ANNOTATION_OUTSIDE_STORE, "Key", "x", "test.Point", "Key"))
                .inFile(source.file())
                .onLine(source.lineOf("@Key(\"x-axis\") int x"));
        assertReportedOnce(compilation, Message.ANNOTATION_OUTSIDE_STORE, "Key", "x", "test.Point", "Key");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void keyInAPojoNestedInAStoreIsStillOutsideTheStore() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    public Address address;

                    public static class Address {
                        @Key("road") public String street;
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.ANNOTATION_OUTSIDE_STORE, "Key", "street", "test.Prefs.Address", "Key"))
                .inFile(source.file())
                .onLine(source.lineOf("public String street"));
        assertThat(compilation).hadErrorCount(1);
    }
}
