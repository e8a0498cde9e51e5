package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.browserstorage.processor.Compilations.assertReportedOnce;
import static dev.browserstorage.processor.Compilations.compile;
import static dev.browserstorage.processor.Compilations.exactly;

import com.google.testing.compile.Compilation;
import dev.browserstorage.processor.validation.Message;
import org.junit.jupiter.api.Test;

/**
 * A store's {@code version} and {@code migrations}, and the {@code @Migration} methods: each
 * problem on the attribute or the method it is about.
 */
class VersionDiagnosticsTest {

    @Test
    void versionBelowOnePointsAtTheVersion() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage(value = "prefs",
                        version = 0)
                public class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.VERSION_INVALID, 0))
                .inFile(source.file())
                .onLine(source.lineOf("version = 0"))
                .atColumn(source.columnOf("0)"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void versionAboveOneWithoutMigrationsSaysWhatToDeclare() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.SessionStorage;

                @SessionStorage(version = 3)
                public class Prefs {
                    public String theme;
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.VERSION_WITHOUT_MIGRATIONS, 3, "PrefsMigrations", "1|2"))
                .inFile(source.file())
                .onLine(source.lineOf("@SessionStorage(version = 3)"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void migrationsAtVersionOneWouldNeverRunAndSuggestTheVersion() {
        SourceFile source = prefs("""
                @LocalStorage(migrations = Prefs.Steps.class)
                """, """
                @Migration(from = 1)
                static void renameColour(StoredValues values) {
                    values.rename("colour", "color");
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATIONS_AT_VERSION_ONE, "test.Prefs.Steps", "test.Prefs", 2))
                .inFile(source.file())
                .onLine(source.lineOf("@LocalStorage(migrations"));
        // Only that: the migration's from = 1 is right for the version it was written for.
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void migrationsClassWithoutMigrationMethods() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage(version = 3,
                        migrations = Prefs.Steps.class)
                public class Prefs {
                    public String theme;

                    static class Steps {}
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.MIGRATIONS_NONE, "test.Prefs.Steps", 3, "1|2"))
                .inFile(source.file())
                .onLine(source.lineOf("migrations = Prefs.Steps.class"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void privateMigrationsClassThatTheAnnotationCanNameButTheStoreCannot() {
        // Inside Outer, Outer.Steps is visible to the annotation; Outer_PrefsStore is another class.
        SourceFile source = SourceFile.of("test.Outer", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Migration;
                import dev.browserstorage.store.StoredValues;

                public class Outer {
                    @LocalStorage(version = 2, migrations = Steps.class)
                    public static class Prefs {
                        public String color;
                    }

                    private static class Steps {
                        @Migration(from = 1)
                        static void renameColour(StoredValues values) {}
                    }
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATIONS_CLASS_NOT_ACCESSIBLE, "test.Outer.Steps", "test", "test"))
                .inFile(source.file())
                .onLine(source.lineOf("@LocalStorage(version = 2"))
                .atColumn(source.columnOf(".class"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void migrationsClassJavacCannotResolveIsLeftToJavac() {
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage(version = 2, migrations = Prefs.Steps.class)
                public class Prefs {
                    public String color;

                    private static class Steps {}
                }
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation).hadErrorContaining("has private access");
    }

    @Test
    void packagePrivateMigrationsInAnotherPackage() {
        SourceFile migrations = SourceFile.of("other.Steps", """
                package other;

                import dev.browserstorage.annotation.Migration;
                import dev.browserstorage.store.StoredValues;

                public class Steps {
                    @Migration(from = 1)
                    static void renameColour(StoredValues values) {}

                    @Migration(from = 2)
                    protected static void widen(StoredValues values) {}
                }
                """);
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage(version = 3, migrations = other.Steps.class)
                public class Prefs {
                    public String color;
                }
                """);

        Compilation compilation = compile(migrations, source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.MIGRATION_NOT_ACCESSIBLE, "other.Steps", "renameColour", "package-private", "test", ""))
                .inFile(migrations.file())
                .onLine(migrations.lineOf("static void renameColour"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATION_NOT_ACCESSIBLE, "other.Steps", "widen", "protected", "test", ""))
                .inFile(migrations.file())
                .onLine(migrations.lineOf("protected static void widen"));
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void publicMigrationsInAnotherPackageAreFine() {
        SourceFile migrations = SourceFile.of("other.Steps", """
                package other;

                import dev.browserstorage.annotation.Migration;
                import dev.browserstorage.store.StoredValues;

                public final class Steps {
                    private Steps() {}

                    @Migration(from = 1)
                    public static void renameColour(StoredValues values) throws java.io.IOException {}
                }
                """);
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;

                @LocalStorage(version = 2, migrations = other.Steps.class)
                public class Prefs {
                    public String color;
                }
                """);

        Compilation compilation =
                Compilations.compile(java.util.List.of(migrations.file(), source.file()), Compilations.STRICT_OPTIONS);

        assertThat(compilation).succeededWithoutWarnings();
    }

    @Test
    void eachMalformedMigrationMethodIsReportedOnItsLine() {
        SourceFile source = prefs("""
                @LocalStorage(version = 6, migrations = Prefs.Steps.class)
                """, """
                @Migration(from = 1)
                void notStatic(StoredValues values) {}

                @Migration(from = 2)
                private static void hidden(StoredValues values) {}

                @Migration(from = 3)
                static boolean answers(StoredValues values) { return true; }

                @Migration(from = 4)
                static void twoParameters(StoredValues values, int extra) {}

                @Migration(from = 5)
                static void throwsThrowable(StoredValues values) throws Throwable {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.MIGRATION_NOT_STATIC, "test.Prefs.Steps", "notStatic"))
                .inFile(source.file())
                .onLine(source.lineOf("void notStatic"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.MIGRATION_NOT_ACCESSIBLE,
                        "test.Prefs.Steps",
                        "hidden",
                        "private",
                        "test",
                        " or package-private"))
                .inFile(source.file())
                .onLine(source.lineOf("void hidden"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(Message.MIGRATION_NOT_VOID, "test.Prefs.Steps", "answers", "boolean"))
                .inFile(source.file())
                .onLine(source.lineOf("boolean answers"));
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.MIGRATION_PARAMETERS,
                        "test.Prefs.Steps",
                        "twoParameters",
                        "dev.browserstorage.store.StoredValues, int",
                        "twoParameters"))
                .inFile(source.file())
                .onLine(source.lineOf("void twoParameters"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATION_THROWS, "test.Prefs.Steps", "throwsThrowable", "java.lang.Throwable"))
                .inFile(source.file())
                .onLine(source.lineOf("void throwsThrowable"));
        assertThat(compilation).hadErrorCount(5);
    }

    @Test
    void fromOutsideTheVersionsPointsAtFrom() {
        SourceFile source = prefs("""
                @LocalStorage(version = 2, migrations = Prefs.Steps.class)
                """, """
                @Migration(from = 1)
                static void one(StoredValues values) {}

                @Migration(from = 0)
                static void zero(StoredValues values) {}

                @Migration(from = 2)
                static void two(StoredValues values) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATION_FROM_OUT_OF_RANGE, 0, "test.Prefs.Steps", "zero", "test.Prefs", 2, 1))
                .inFile(source.file())
                .onLine(source.lineOf("@Migration(from = 0)"))
                .atColumn(source.columnOf("0)"));
        assertThat(compilation)
                .hadErrorContainingMatch(
                        exactly(Message.MIGRATION_FROM_OUT_OF_RANGE, 2, "test.Prefs.Steps", "two", "test.Prefs", 2, 1))
                .inFile(source.file())
                .onLine(source.lineOf("@Migration(from = 2)"));
        assertThat(compilation).hadErrorCount(2);
    }

    @Test
    void duplicateFromIsReportedOnTheSecondNamingTheFirst() {
        SourceFile source = prefs("""
                @LocalStorage(version = 2, migrations = Prefs.Steps.class)
                """, """
                @Migration(from = 1)
                static void first(StoredValues values) {}

                @Migration(from = 1) static void second(StoredValues values) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.MIGRATION_DUPLICATE, 1, "test.Prefs.Steps", "second", "test.Prefs.Steps", "first"))
                .inFile(source.file())
                .onLine(source.lineOf("void second"));
        assertReportedOnce(
                compilation, Message.MIGRATION_DUPLICATE, 1, "test.Prefs.Steps", "second", "test.Prefs.Steps", "first");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void gapBetweenTheOldestMigrationAndTheVersionNamesTheMissingSteps() {
        SourceFile source = prefs("""
                @LocalStorage(version = 5,
                        migrations = Prefs.Steps.class)
                """, """
                @Migration(from = 1)
                static void one(StoredValues values) {}

                @Migration(from = 4)
                static void four(StoredValues values) {}
                """);

        Compilation compilation = compile(source);

        assertThat(compilation).failed();
        assertThat(compilation)
                .hadErrorContainingMatch(exactly(
                        Message.MIGRATION_GAP,
                        "test.Prefs",
                        5,
                        "test.Prefs.Steps",
                        "2, 3",
                        1,
                        4,
                        5,
                        "test.Prefs.Steps"))
                .inFile(source.file())
                .onLine(source.lineOf("migrations = Prefs.Steps.class"));
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void migrationsFromALaterVersionOnlyDropOlderValues() {
        // Version 4 supports values from version 2 on: older ones are the runtime's to drop.
        SourceFile source = SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Migration;
                import dev.browserstorage.store.StoredValues;

                @LocalStorage(version = 4, migrations = Prefs.Steps.class)
                public class Prefs {
                    public String color;

                    static final class Steps {
                        private Steps() {}

                        @Migration(from = 3)
                        static void three(StoredValues values) {}

                        @Migration(from = 2)
                        static void two(StoredValues values) throws Exception {}
                    }
                }
                """);

        Compilation compilation = Compilations.compile(java.util.List.of(source.file()), Compilations.STRICT_OPTIONS);

        assertThat(compilation).succeededWithoutWarnings();
    }

    /**
     * {@code test.Prefs}, a store with one field, annotated with {@code storeAnnotation} and holding
     * a nested {@code static class Steps} with {@code steps} as its body.
     */
    private static SourceFile prefs(String storeAnnotation, String steps) {
        return SourceFile.of("test.Prefs", """
                package test;

                import dev.browserstorage.annotation.LocalStorage;
                import dev.browserstorage.annotation.Migration;
                import dev.browserstorage.store.StoredValues;

                %spublic class Prefs {
                    public String color;

                    static class Steps {
                %s
                    }
                }
                """.formatted(storeAnnotation, steps));
    }
}
