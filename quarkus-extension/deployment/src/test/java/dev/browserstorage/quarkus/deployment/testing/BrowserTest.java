package dev.browserstorage.quarkus.deployment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A test that drives the glue in HtmlUnit: a new browser for each test, closed after it, and a
 * failure if any of its pages raised a script error ({@link ScriptErrors}). {@code QuarkusUnitTest}
 * runs these lifecycle methods on the test instance its application loaded, finding them in this
 * superclass, so a subclass adds this class and {@link ScriptErrors} to its application.
 */
public abstract class BrowserTest {
    /** The browser of the running test. */
    protected WebClient browser;

    /** The script errors of its pages so far. */
    protected final ScriptErrors scriptErrors = new ScriptErrors();

    @BeforeEach
    protected void newBrowser() {
        browser = ScriptErrors.browser(scriptErrors);
    }

    @AfterEach
    protected void closeBrowserWithoutScriptErrors() {
        browser.close();
        assertThat(scriptErrors.all()).isEmpty();
    }
}
