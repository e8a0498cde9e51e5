package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.CookieRules;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.processor.validation.Message;
import dev.browserstorage.testing.InMemoryBrowser;
import java.time.Duration;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Misplaced or malformed {@code @Cookie}, and cookies browsers would refuse. For {@code COOKIE_RULE}
 * the expected detail is what the runtime's {@link CookieRules} says about the same name and
 * attributes: the processor must judge constants exactly as the runtime judges values.
 */
class CookieDiagnosticsTest {

    /** The full COOKIE_RULE text for a declaration, after checking that CookieRules refuses it for {@code rule}. */
    private static Pattern cookieRule(String name, CookieOptions.Builder options, CookieRule rule) {
        InvalidCookieException refusal = Assertions.catchThrowableOfType(
                InvalidCookieException.class, () -> CookieRules.checkDeclaration(name, options.build()));
        Assertions.assertThat(refusal)
                .as("CookieRules refuses cookie '%s'", name)
                .isNotNull();
        Assertions.assertThat(refusal.rule()).isEqualTo(rule);
        return exactly(Message.COOKIE_RULE, name, rule.name(), refusal.getMessage());
    }

    private static SourceFile cookieStore(String typeAnnotation, String field) {
        return SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.Key;
                import dev.browserstorage.annotation.SameSite;
                import java.util.List;

                %s
                public class UiCookies {
                    %s
                }
                """.formatted(typeAnnotation, field));
    }

    @Test
    void cookieOnAFieldOfALocalStorageStore() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.Cookie;
                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage
                public class Prefs {
                    @Cookie(maxAge = "P1D") public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.COOKIE_ON_FIELD_OF_OTHER_STORE, "theme", "@LocalStorage", "test.Prefs"))
                .inFile(source.file())
                .onLine(source.lineOf("public String theme"))
                .atColumn(source.columnOf("@Cookie"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void prefixOnAFieldBelongsToTheType() {
        SourceFile source = cookieStore("@Cookie", "@Cookie(prefix = \"ui_\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_PREFIX_ON_FIELD, "ui_", "lang", "ui_lang"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"ui_\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void unparsableMaxAgeOnTheTypeIsReportedOnceForAllItsCookies() {
        SourceFile source = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie(maxAge = "one year")
                public class UiCookies {
                    public String lang;
                    public String region;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_MAX_AGE_INVALID, "one year"))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(maxAge"))
                .atColumn(source.columnOf("\"one year\""));
        assertReportedOnce(compilation, Message.COOKIE_MAX_AGE_INVALID, "one year");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void aMaxAgeOfZeroOrLessWouldDeleteOnEveryWriteAndIsRefused() {
        SourceFile source = cookieStore("@Cookie(maxAge = \"-P1D\")", "public String lang; public String region;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_MAX_AGE_NOT_POSITIVE, "-P1D"))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(maxAge"))
                .atColumn(source.columnOf("\"-P1D\""));
        assertReportedOnce(compilation, Message.COOKIE_MAX_AGE_NOT_POSITIVE, "-P1D");
    }

    @Test
    void yearsAreRefusedWithTheRealReason() {
        SourceFile source = cookieStore("@Cookie(maxAge = \"P1Y\")", "public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContainingMatch(exactly(Message.COOKIE_MAX_AGE_INVALID, "P1Y"));
        Assertions.assertThat(Message.COOKIE_MAX_AGE_INVALID.format("P1Y"))
                .contains("years and months have no fixed length");
    }

    @Test
    void unparsableMaxAgeOnAField() {
        SourceFile source = cookieStore("@Cookie", "@Cookie(maxAge = \"30 days\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_MAX_AGE_INVALID, "30 days"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"30 days\""));
    }

    @Test
    void maxAgeOverFourHundredDaysWarnsThatItWillBeCappedAndTheStoreIsStillGenerated() {
        SourceFile source = cookieStore("@Cookie(prefix = \"ui_\")", "@Cookie(maxAge = \"P401D\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.COOKIE_MAX_AGE_CAPPED, "P401D"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"P401D\""));
        assertThat(compilation).hadWarningCount(1);
        Assertions.assertThat(Message.COOKIE_MAX_AGE_CAPPED.format("P401D"))
                .contains("capped at 400 days")
                .contains("at most \"P400D\"");
        assertThat(compilation).generatedSourceFile("test.UiCookiesStore");
    }

    @Test
    void maxAgeOfExactlyFourHundredDaysCompilesWithoutWarnings() {
        SourceFile source = cookieStore("@Cookie(maxAge = \"P400D\")", "public String lang;");

        assertThat(compile(source)).succeededWithoutWarnings();
    }

    @Test
    void aStoreDeclaredWithMaxAgeOverFourHundredDaysWarnsOnceAndWritesFourHundredDays() throws Exception {
        SourceFile source = cookieStore(
                "@Cookie(prefix = \"ui_\", maxAge = \"P500D\")", "public String lang; public String region;");

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.COOKIE_MAX_AGE_CAPPED, "P500D"))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(prefix"))
                .atColumn(source.columnOf("\"P500D\""));
        assertReportedOnce(compilation, Message.COOKIE_MAX_AGE_CAPPED, "P500D");
        Browser session = Browser.builder("b1", "demo").build();
        InMemoryBrowser browser = new InMemoryBrowser(session);
        browser.connect();
        Class<?> storeClass = Compilations.classesOf(compilation).loadClass("test.UiCookiesStore");
        Object store = storeClass.getConstructor(BrowserSource.class).newInstance(session);

        storeClass.getMethod("setLang", String.class).invoke(store, "fr");

        Write write = browser.received().get(0).writes().get(0);
        Assertions.assertThat(write.key()).isEqualTo("ui_lang");
        Assertions.assertThat(write.cookieOptions().maxAge()).contains(Duration.ofDays(400));
    }

    @Test
    void hostPrefixWithADomainPointsAtTheDomain() {
        SourceFile source =
                cookieStore("@Cookie(prefix = \"__Host-\", domain = \"example.com\")", "public String sid;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("__Host-sid", CookieOptions.builder().domain("example.com"), CookieRule.HOST_PREFIX))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(prefix"))
                .atColumn(source.columnOf("\"example.com\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void hostPrefixWithAPathOtherThanRootPointsAtThePath() {
        SourceFile source = cookieStore("@Cookie(prefix = \"__Host-\")", "@Cookie(path = \"/app\") public String sid;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("__Host-sid", CookieOptions.builder().path("/app"), CookieRule.HOST_PREFIX))
                .inFile(source.file())
                .onLine(source.lineOf("public String sid"))
                .atColumn(source.columnOf("\"/app\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void securePrefixWithoutSecure() {
        SourceFile source = cookieStore("@Cookie(prefix = \"__Secure-\", secure = false)", "public String sid;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("__Secure-sid", CookieOptions.builder().secure(false), CookieRule.SECURE_PREFIX))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(prefix"))
                .atColumn(source.columnOf("false"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void sameSiteNoneWithoutSecurePointsAtSameSite() {
        SourceFile source =
                cookieStore("@Cookie", "@Cookie(sameSite = SameSite.NONE, secure = false) public String embed;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(cookieRule(
                        "embed",
                        CookieOptions.builder().sameSite(SameSite.NONE).secure(false),
                        CookieRule.SAMESITE_NONE_REQUIRES_SECURE))
                .inFile(source.file())
                .onLine(source.lineOf("public String embed"))
                // javac places a qualified name at its last dot.
                .atColumn(source.columnOf(".NONE"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void partitionedWithoutSecurePointsAtPartitioned() {
        SourceFile source = cookieStore("@Cookie(secure = false)", "@Cookie(partitioned = true) public String embed;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(cookieRule(
                        "embed",
                        CookieOptions.builder().partitioned(true).secure(false),
                        CookieRule.PARTITIONED_REQUIRES_SECURE))
                .inFile(source.file())
                .onLine(source.lineOf("public String embed"))
                .atColumn(source.columnOf("true"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void domainWithALeadingDot() {
        SourceFile source = cookieStore("@Cookie(domain = \".example.com\")", "public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(cookieRule(
                        "lang", CookieOptions.builder().domain(".example.com"), CookieRule.DOMAIN_LEADING_DOT))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(domain"))
                .atColumn(source.columnOf("\".example.com\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void publicSuffixDomainOnTheTypeIsReportedOnceForAllItsCookies() {
        SourceFile source = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie(domain = "co.uk")
                public class UiCookies {
                    public String lang;
                    public String region;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("lang", CookieOptions.builder().domain("co.uk"), CookieRule.DOMAIN_PUBLIC_SUFFIX))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(domain"))
                .atColumn(source.columnOf("\"co.uk\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void topLevelDomainAloneIsAPublicSuffix() {
        SourceFile source = cookieStore("@Cookie", "@Cookie(domain = \"com\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("lang", CookieOptions.builder().domain("com"), CookieRule.DOMAIN_PUBLIC_SUFFIX))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(domain = \"com\")"))
                .atColumn(source.columnOf("\"com\""));
    }

    @Test
    void keyWithASemicolonIsNotACookieName() {
        SourceFile source = cookieStore("@Cookie(prefix = \"ui_\")", "@Key(\"a;b\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(cookieRule("ui_a;b", CookieOptions.builder(), CookieRule.NAME_CHARACTERS))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"a;b\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void keyWithAnEqualsSignIsNotACookieName() {
        SourceFile source = cookieStore("@Cookie", "@Key(\"a=b\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(cookieRule("a=b", CookieOptions.builder(), CookieRule.NAME_CONTAINS_EQUALS))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"a=b\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void keyWithATrailingSpaceBreaksTheWhitespaceRule() {
        SourceFile source = cookieStore("@Cookie", "@Key(\"lang \") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        cookieRule("lang ", CookieOptions.builder(), CookieRule.LEADING_OR_TRAILING_WHITESPACE))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"lang \""));
    }

    @Test
    void keyWithASpaceInsideIsRefusedAsKeyPromises() {
        SourceFile source = cookieStore("@Cookie(prefix = \"ui_\")", "@Key(\"a b\") public String lang;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_NAME_WHITESPACE, "ui_a b"))
                .inFile(source.file())
                .onLine(source.lineOf("public String lang"))
                .atColumn(source.columnOf("\"a b\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void prefixWithASpaceInsideIsReportedOnceOnThePrefix() {
        SourceFile source = SourceFile.of("test.UiCookies", """
                package test;

                import dev.browserstorage.annotation.Cookie;

                @Cookie(prefix = "my app_")
                public class UiCookies {
                    public String lang;
                    public String region;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_NAME_WHITESPACE, "my app_lang"))
                .inFile(source.file())
                .onLine(source.lineOf("@Cookie(prefix"))
                .atColumn(source.columnOf("\"my app_\""));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void httpOnlyOnAListCookieIsNotOnePlainTextValue() {
        SourceFile source = cookieStore("@Cookie", "@Cookie(httpOnly = true) public List<String> roles;");

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.COOKIE_HTTP_ONLY_TYPE, "roles", "List<String>"))
                .inFile(source.file())
                .onLine(source.lineOf("public List<String> roles"))
                .atColumn(source.columnOf("true"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void httpOnlyOnAStringCookieCompiles() {
        SourceFile source = cookieStore("@Cookie(httpOnly = true)", "public String sessionId;");

        Compilation compilation = compile(source);

        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation)
                .generatedSourceFile("test.UiCookiesStore")
                .contentsAsUtf8String()
                .contains(".httpOnly(true)");
    }

    @Test
    void stringDefaultOverHalfTheCookieSizeWarnsAndTheStoreIsStillGenerated() {
        String large = "x".repeat(3000);
        SourceFile source = cookieStore("@Cookie", "public String note = \"" + large + "\";");

        Compilation compilation = compile(source);

        assertThat(compilation).succeeded();
        // 4 bytes of name and 3000 of value: over 2048, half of the 4096 that browsers allow.
        assertThat(compilation)
                .hadWarningContainingMatch(exactly(Message.COOKIE_DEFAULT_LARGE, "note", 3004))
                .inFile(source.file())
                .onLine(source.lineOf("public String note"));
        assertThat(compilation).hadWarningCount(1);
        assertThat(compilation).generatedSourceFile("test.UiCookiesStore");
    }
}
