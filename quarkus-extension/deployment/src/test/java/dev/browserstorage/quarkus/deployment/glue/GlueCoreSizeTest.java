package dev.browserstorage.quarkus.deployment.glue;

import static dev.browserstorage.quarkus.deployment.glue.GlueBytes.gzipped;
import static dev.browserstorage.quarkus.deployment.glue.GlueBytes.run;
import static dev.browserstorage.quarkus.deployment.glue.GlueBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.Eventually;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The glue's core as served (an application with no stores and no use of cookies gets the core
 * alone): the sync protocol for localStorage and sessionStorage has the budget of 4 KB gzipped,
 * measured on the bytes the server serves (GlueSizeTest measures the whole glue).
 */
class GlueCoreSizeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Eventually.class, GlueBytes.class))
            .overrideConfigKey("quarkus.browser-storage.app-id", "demo")
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/_storage/storage.js")
    URL glue;

    @Test
    void theCoreAsServedStaysUnderFourKilobytesAndRuns() throws Exception {
        String served = Eventually.fetch(glue);
        int size = gzipped(served);
        System.out.println("storage.js core as served: " + utf8(served) + " bytes, " + size + " gzipped (budget "
                + GlueBytes.CORE_BUDGET_BYTES + ")");

        assertThat(size).isLessThan(GlueBytes.CORE_BUDGET_BYTES);
        assertThat(run(
                        served,
                        "typeof BrowserStorage.start + ' ' + typeof BrowserStorage.define + ' '"
                                + " + typeof BrowserStorage.checkCookies + ' ' + BrowserStorage._core.schema"))
                .isEqualTo("function undefined undefined null");
    }
}
