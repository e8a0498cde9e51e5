package dev.browserstorage.quarkus.deployment.protect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.deployment.testing.TestApps;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A page or a template that binds an {@code @Encrypted} field with {@code data-storage} fails the
 * build, naming the file, the line and the field: page scripts cannot read such a value.
 */
class EncryptedBindingBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = TestApps.withStore(
                    "test",
                    Secrets.class,
                    SecretsStore.class,
                    jar -> jar.addAsResource(
                                    new StringAsset("<!doctype html>\n<input data-storage=\"secrets.role\">\n"
                                            + "<input data-storage=\"secrets.token\">\n"),
                                    "META-INF/resources/secrets.html")
                            .addAsResource(
                                    new StringAsset("<p>Token</p>\n<input data-storage='secrets.token'>\n"),
                                    "templates/secrets.html"))
            .assertException(e -> assertThat(e)
                    .hasStackTraceContaining("META-INF/resources/secrets.html:3: data-storage=\"secrets.token\" binds"
                            + " @Encrypted field dev.browserstorage.quarkus.deployment.protect.Secrets.token, which page"
                            + " scripts cannot read: remove the binding or the @Encrypted")
                    .hasStackTraceContaining("templates/secrets.html:2: data-storage=\"secrets.token\" binds @Encrypted"
                            + " field dev.browserstorage.quarkus.deployment.protect.Secrets.token")
                    .satisfies(t -> assertThat(t.toString()).doesNotContain("secrets.role\"")));

    @Test
    void theBuildFails() {
        throw new AssertionError("the application must not start");
    }
}
