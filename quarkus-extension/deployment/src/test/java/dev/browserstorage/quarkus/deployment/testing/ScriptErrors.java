package dev.browserstorage.quarkus.deployment.testing;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.htmlunit.BrowserVersion;
import org.htmlunit.ScriptException;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.javascript.SilentJavaScriptErrorListener;

/**
 * The script errors of an HtmlUnit browser's pages, collected rather than thrown: errors in socket
 * callbacks and timers happen off the test thread, where a throw would go unseen. A test asserts
 * there were none. Tests running inside a {@code QuarkusUnitTest} application add this class to it.
 */
public final class ScriptErrors extends SilentJavaScriptErrorListener {
    private final List<Exception> errors = new CopyOnWriteArrayList<>();

    /**
     * A browser with Chrome's profile that throws script errors on the test thread and reports all
     * of them, and scripts that fail to load, to {@code errors}.
     */
    public static WebClient browser(ScriptErrors errors) {
        WebClient browser = new WebClient(BrowserVersion.CHROME);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.setJavaScriptErrorListener(errors);
        return browser;
    }

    @Override
    public void scriptException(HtmlPage page, ScriptException exception) {
        errors.add(exception);
    }

    @Override
    public void loadScriptError(HtmlPage page, URL script, Exception exception) {
        errors.add(exception);
    }

    /** The errors so far, in the order they happened. */
    public List<Exception> all() {
        return List.copyOf(errors);
    }
}
