package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Compiles the sources under {@code src/test/resources/golden/<name>/input} and compares every
 * generated store, schema and typed JavaScript store with {@code golden/<name>/expected}, byte for
 * byte. The generated stores are compiled in the same run, so a golden file is also known to
 * compile.
 *
 * <p>To accept an intended change, rerun with {@code -Dgolden.update=true} (see {@link GoldenFiles})
 * and review the diff of the expected files.
 */
class GoldenFileTest {

    @Test
    void localStorageClassWithAFieldOfEverySupportedType() {
        assertGolden("everySupportedType");
    }

    @Test
    void sessionStorageBeanWithTtlsAndAKeyOnAGetter() {
        assertGolden("sessionBean");
    }

    @Test
    void cookieStoreWithTypeAttributesAndFieldOverrides() {
        assertGolden("cookieStore");
    }

    @Test
    void recordStoresWithAndWithoutANoArgConstructor() {
        assertGolden("records");
    }

    @Test
    void staticNestedClassGetsAStoreNamedAfterOuterAndInner() {
        assertGolden("nestedClass");
    }

    @Test
    void versionedLocalStorageStoreWithTwoMigrationsInAClassOfTheirOwn() {
        assertGolden("versionedLocal");
    }

    @Test
    void versionedSessionRecordWithANestedMigrationAndSignedAndEncryptedFields() {
        assertGolden("versionedSession");
    }

    @Test
    void cookieStoreWithASignedAndAnEncryptedCookie() {
        assertGolden("protectedCookies");
    }

    @Test
    void encryptedStoreWithOneFieldSignedInstead() {
        assertGolden("encryptedStore");
    }

    private static void assertGolden(String name) {
        Compilation compilation = Compilations.compile(GoldenFiles.inputs(name), Compilations.STRICT_OPTIONS);
        assertThat(compilation).succeededWithoutWarnings();
        GoldenFiles.assertMatches(name, compilation);
    }
}
