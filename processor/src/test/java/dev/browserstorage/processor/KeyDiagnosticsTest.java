package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import org.junit.jupiter.api.Test;

/** Keys that cannot be formed, and keys or cookie names that two fields of one compilation share. */
class KeyDiagnosticsTest {

    @Test
    void keyWithASpaceInLocalStoragePointsAtTheValueAndSuggestsAFix() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    @Key("a b")
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.KEY_INVALID, "a b", "a-b"))
                .inFile(source.file())
                .onLine(source.lineOf("@Key(\"a b\")"))
                .atColumn(source.columnOf("\"a b\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void twoFieldsOfOneStoreWithTheSameKey() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("prefs")
                public class Prefs {
                    @Key("colour") public String theme;
                    @Key("colour") public String accent;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.DUPLICATE_KEY, "Key", "prefs.colour", "accent", "theme", "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public String accent"))
                .atColumn(source.columnOf("\"colour\") public String accent"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void fieldNamedLikeAnotherFieldsKeyClashesWithIt() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage("prefs")
                public class Prefs {
                    @Key("accent") public String theme;
                    public String accent;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.DUPLICATE_KEY, "Key", "prefs.accent", "accent", "theme", "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public String accent;"));
    }

    @Test
    void sameNamespaceAndFieldInTwoStoresOfOneAreaNamesBothTypes() {
        SourceFile first = SourceFile.of("test.First", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("shared")
                public class First {
                    public String theme;
                }
                """);
        SourceFile second = SourceFile.of("test.Second", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("shared")
                public class Second {
                    public String theme;
                }
                """);

        // Stores are checked in the order of their names, whatever the order of the files.
        Compilation compilation = compile(second, first);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.DUPLICATE_KEY, "Key", "shared.theme", "theme", "theme", "test.First"))
                .inFile(second.file())
                .onLine(second.lineOf("public String theme"));
        assertReportedOnce(compilation, Message.DUPLICATE_KEY, "Key", "shared.theme", "theme", "theme", "test.First");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void sameCookieNameInTwoCookieStores() {
        SourceFile app = SourceFile.of("test.AppCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie(prefix = "app_")
                public class AppCookies {
                    public String lang;
                }
                """);
        SourceFile other = SourceFile.of("test.OtherCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Key;

                @Cookie
                public class OtherCookies {
                    @Key("app_lang") public String language;
                }
                """);

        Compilation compilation = compile(app, other);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.DUPLICATE_KEY, "Cookie name", "app_lang", "language", "lang", "test.AppCookies"))
                .inFile(other.file())
                .onLine(other.lineOf("@Key(\"app_lang\")"))
                .atColumn(other.columnOf("\"app_lang\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void sameKeyInLocalStorageAndSessionStorageDoesNotClash() {
        SourceFile local = SourceFile.of("test.LocalPrefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage("shared")
                public class LocalPrefs {
                    public String theme;
                }
                """);
        SourceFile session = SourceFile.of("test.SessionPrefs", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage("shared")
                public class SessionPrefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(local, session);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("test.LocalPrefsStore");
        assertThat(compilation).generatedSourceFile("test.SessionPrefsStore");
    }
}
