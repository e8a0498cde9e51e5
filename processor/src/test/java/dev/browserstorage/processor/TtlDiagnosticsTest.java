package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lifetimes that are not positive ISO-8601 durations, and lifetimes on cookies. */
class TtlDiagnosticsTest {

    @ParameterizedTest(name = "@Ttl(\"{0}\")")
    @ValueSource(strings = {"soon", "PT0S", "-PT1H", "P1Y", ""})
    void ttlThatIsNotAPositiveDurationPointsAtTheValue(String ttl) {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Ttl;

                @LocalStorage
                public class Prefs {
                    @Ttl("%s")
                    public String theme;
                }
                """.formatted(ttl));

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TTL_INVALID, ttl))
                .inFile(source.file())
                .onLine(source.lineOf("@Ttl("))
                .atColumn(source.columnOf("\"" + ttl + "\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void invalidTtlOnTheTypeIsReportedOnTheType() {
        SourceFile source = SourceFile.of("test.Draft", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;
                import dev.browserstorage.annotation.Ttl;

                @SessionStorage
                @Ttl("-PT1H")
                public class Draft {
                    public String body;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TTL_INVALID, "-PT1H"))
                .inFile(source.file())
                .onLine(source.lineOf("@Ttl("))
                .atColumn(source.columnOf("\"-PT1H\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void ttlOnACookieStoreSuggestsMaxAge() {
        SourceFile source = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Ttl;

                @Cookie
                @Ttl("P30D")
                public class UiCookies {
                    public String lang;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TTL_ON_COOKIE, "test.UiCookies", "P30D"))
                .inFile(source.file())
                .onLine(source.lineOf("@Ttl("))
                .atColumn(1);
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void ttlOnACookieFieldSuggestsMaxAge() {
        SourceFile source = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Ttl;

                @Cookie
                public class UiCookies {
                    @Ttl("PT1H") public String lang;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.TTL_ON_COOKIE, "test.UiCookies", "PT1H"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("@Ttl"));
        assertThat(compilation).hadErrorCount(1);
    }
}
