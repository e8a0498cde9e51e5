package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code @Signed} and {@code @Encrypted}: both on one element, outside a store, and cookies they make too large. */
class ProtectionDiagnosticsTest {

    @Test
    void signedAndEncryptedOnOneFieldPointsAtTheField() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Encrypted;
                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Signed;

                @LocalStorage
                public class Prefs {
                    @Signed @Encrypted public String role;
                    @Signed public String plan;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.PROTECTION_CONFLICT, "role"))
                .inFile(source.file())
                .onLine(source.lineOf("public String role"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void signedAndEncryptedOnTheTypeAndOnARecordComponentAreEachReportedOnce() {
        SourceFile source = SourceFile.of("test.Secrets", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Encrypted;
                import dev.browserstorage.annotation.Signed;

                @Cookie @Signed @Encrypted
                public record Secrets(
                        @Encrypted @Signed String token,
                        String lang) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.PROTECTION_CONFLICT, "Secrets"))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie @Signed @Encrypted"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.PROTECTION_CONFLICT, "token"))
                .inFile(source.file())
                .onLine(source.lineOf("String token"));
        assertReportedOnce(compilation, Message.PROTECTION_CONFLICT, "token");
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void signedAndEncryptedOutsideAStoreDoNothing() {
        SourceFile source = SourceFile.of("test.Plain", """
                package test;

                import dev.browserstorage.annotation.Encrypted;
                import dev.browserstorage.annotation.Signed;

                @Encrypted
                public class Plain {
                    @Signed public String role;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.ANNOTATION_OUTSIDE_STORE, "Encrypted", "Plain", "test.Plain", "Encrypted"))
                .inFile(source.file())
                .onLine(source.lineOf("public class Plain"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.ANNOTATION_OUTSIDE_STORE, "Signed", "role", "test.Plain", "Signed"))
                .inFile(source.file())
                .onLine(source.lineOf("public String role"));
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void onAFieldTheStoreDoesNotKeepTheyAreIgnoredAsTtlIs() {
        // Static and transient fields are not stored; @Ttl on them is not reported either.
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Encrypted;
                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Signed;
                import dev.browserstorage.annotation.Ttl;

                @LocalStorage
                public class Prefs {
                    public String theme;
                    @Signed public static String shared;
                    @Encrypted @Ttl("PT1H") public transient String scratch;
                }
                """);

        assertThat(Compilations.compile(List.of(source.file()), Compilations.STRICT_OPTIONS))
                .succeededWithoutWarnings();
    }

    @Test
    void encryptedCookieOfABoundedTypeThatCannotFitOnceSealed() {
        String name = "n".repeat(4010);
        SourceFile source = ids(name, "", "@Encrypted @Key(\"%1$s\") public long visits;");

        Compilation compilation = compile(source);

        // A long is at most 20 characters: 2+8+1+11+1 + ceil((12+20+16)*4/3) = 87 sealed.
        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.COOKIE_SEALED_TOO_LARGE, name, 4097, "encrypted", 4010, "long", 20, 87, "encrypted"))
                .inFile(source.file())
                .onLine(source.lineOf("public long visits"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void signedCookieAddsItsSixtySevenBytes() {
        String name = "n".repeat(4030);
        SourceFile source = ids(name, "@Signed ", "@Key(\"%1$s\") public boolean admin;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.COOKIE_SEALED_TOO_LARGE, name, 4102, "signed", 4030, "boolean", 5, 72, "signed"))
                .inFile(source.file())
                .onLine(source.lineOf("public boolean admin"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unboundedOrUnprotectedCookiesWithTheSameNameAreLeftToTheRunTimeCheck() {
        String name = "n".repeat(4090);
        SourceFile source =
                ids(name, "", "@Key(\"%1$s\") public long visits;", "@Encrypted @Key(\"s%1$s\") public String note;");

        assertThat(Compilations.compile(List.of(source.file()), Compilations.STRICT_OPTIONS))
                .succeededWithoutWarnings();
    }

    @Test
    void encryptedCookieSealedFitsWhenTheNameLeavesRoom() {
        String name = "n".repeat(4009);
        SourceFile source = ids(name, "", "@Encrypted @Key(\"%1$s\") public long visits;");

        assertThat(Compilations.compile(List.of(source.file()), Compilations.STRICT_OPTIONS))
                .succeededWithoutWarnings();
    }

    @Test
    void defaultThatFillsOverHalfOfTheCookieOnlyOnceEncryptedIsWarnedAbout() {
        String text = "x".repeat(1900);
        SourceFile source = SourceFile.of("test.Notes", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Encrypted;

                @Cookie
                public class Notes {
                    public String plain = "%1$s";
                    @Encrypted public String secret = "%1$s";
                }
                """.formatted(text));

        Compilation compilation = compile(source);

        // 6 + 2+8+1+11+1 + ceil((12+1900+16)*4/3) = 6 + 23 + 2571
        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.COOKIE_DEFAULT_LARGE, "secret", 2600))
                .inFile(source.file())
                .onLine(source.lineOf("public String secret"));
        assertThat(compilation).hadWarningCount(1);
    }

    /**
     * {@code test.Ids}, a cookie store with the type annotations and field lines given, in which
     * {@code %1$s} stands for a long cookie name.
     */
    private static SourceFile ids(String name, String typeAnnotations, String... fields) {
        return SourceFile.of("test.Ids", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Encrypted;
                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.Signed;

                @Cookie %s
                public class Ids {
                    %s
                }
                """.formatted(typeAnnotations, String.join("\n", fields))
                .formatted(name));
    }
}
