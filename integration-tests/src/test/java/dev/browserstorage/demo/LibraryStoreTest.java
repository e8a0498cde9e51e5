package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.library.TourProgress;
import dev.browserstorage.library.TourProgressStore;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A store that comes in a plain library jar (browser-storage-integration-tests-library: no
 * beans.xml, no Jandex index, no quarkus.index-dependency here) is found like the demo's own: it is
 * a bean, its schema is served to the page and its typed JavaScript store is in stores.d.ts.
 */
@QuarkusTest
class LibraryStoreTest extends DemoAppTestBase {

    @Inject
    TourProgressStore tour;

    @Test
    void aLibrarysStoreIsInjectableAndServedWithTheAppsOwn() {
        assertThat(tour.descriptor().typeName()).isEqualTo(TourProgress.class.getName());

        List<String> namespaces = new ArrayList<>();
        for (JsonNode store : browser.get("_storage/stores.json").json().path("stores")) {
            namespaces.add(store.path("namespace").asText());
        }
        assertThat(namespaces).contains("tour", "prefs");
        assertThat(browser.get("_storage/stores.d.ts").body()).contains("interface TourProgress");
    }
}
