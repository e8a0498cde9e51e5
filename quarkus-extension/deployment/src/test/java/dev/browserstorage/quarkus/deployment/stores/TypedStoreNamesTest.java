package dev.browserstorage.quarkus.deployment.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.runtime.TypedStoreFiles;
import org.junit.jupiter.api.Test;

/** Which namespaces become named exports of {@code stores.js}: a wrong one would be a syntax error there. */
class TypedStoreNamesTest {

    @Test
    void identifiersAreExportedAndOtherNamespacesOnlyThroughTheDefaultExport() {
        assertThat(TypedStoreFiles.exportable("prefs")).isTrue();
        assertThat(TypedStoreFiles.exportable("_draft2")).isTrue();
        assertThat(TypedStoreFiles.exportable("my-prefs"))
                .as("a namespace may hold '-'")
                .isFalse();
        assertThat(TypedStoreFiles.exportable("2fa"))
                .as("or start with a digit")
                .isFalse();
        assertThat(TypedStoreFiles.exportable("default")).as("a reserved word").isFalse();
        assertThat(TypedStoreFiles.exportable("await"))
                .as("reserved in modules")
                .isFalse();
    }
}
