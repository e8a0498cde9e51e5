package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.quarkus.deployment.testing.Eventually;
import dev.browserstorage.quarkus.deployment.testing.Prefs;
import dev.browserstorage.quarkus.deployment.testing.PrefsStore;
import dev.browserstorage.quarkus.deployment.testing.SeparateCompilation;
import dev.browserstorage.quarkus.deployment.testing.TestStores;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated stores left over from an earlier build, as dev mode keeps them (it deletes the classes
 * of a deleted source, not what a processor generated from it): one whose POJO is gone, one whose
 * POJO is no longer annotated. They are ignored with a warning; the application's other stores work.
 */
class StaleStoreTest {

    private static final String GONE = """
            package com.old;

            @dev.browserstorage.annotation.LocalStorage("gone")
            public class Gone {
                public String theme;
            }
            """;
    private static final String PLAIN = """
            package com.old;

            @dev.browserstorage.annotation.Cookie
            public class Plain {
                public String lang;
            }
            """;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                TestStores.addStore(jar, Prefs.class, PrefsStore.class).addClasses(Eventually.class);
                // The earlier build, when both were stores: all of Plain's output, none of Gone's source.
                SeparateCompilation.of(Map.of("com.old.Gone", GONE, "com.old.Plain", PLAIN))
                        .addTo(jar, path -> !path.equals("com/old/Gone.class") && !path.equals("com/old/Plain.class"));
                // The current build: Plain without its annotation, so nothing generated for it.
                SeparateCompilation.of(
                                Map.of("com.old.Plain", PLAIN.replace("@dev.browserstorage.annotation.Cookie", "")))
                        .addTo(jar, path -> path.equals("com/old/Plain.class"));
            })
            .overrideConfigKey("quarkus.http.test-port", "0")
            .setLogRecordPredicate(record -> record.getLoggerName().equals(BrowserStorageProcessor.class.getName()))
            .assertLogRecords(records -> assertThat(records)
                    .extracting(LogRecord::getMessage)
                    .containsExactly(
                            "browser-storage: ignoring com.old.GoneStore, left over from an earlier build: com.old.Gone is gone."
                                    + " A clean build removes it.",
                            "browser-storage: ignoring com.old.PlainStore, left over from an earlier build: com.old.Plain is no"
                                    + " longer a @Cookie store. A clean build removes it."));

    @Inject
    PrefsStore prefs;

    @TestHTTPResource("/_storage/stores.json")
    URL stores;

    @Test
    void onlyTheCurrentStoresAreServedAndInjected() throws Exception {
        List<String> served = new ArrayList<>();
        new ObjectMapper()
                .readTree(Eventually.fetch(stores))
                .path("stores")
                .forEach(store -> served.add(store.path("type").asText()));

        assertThat(served).containsExactly(Prefs.class.getName());
        assertThat(prefs.descriptor().namespace()).isEqualTo("prefs");
    }
}
