package dev.browserstorage.demo.chromium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium with a profile of its own (so its own cookies, storage and HTTP cache),
 * driven through the installed ChromeDriver: nothing is downloaded. The profile is deleted on
 * {@link #close()}.
 *
 * <p>Shared by the Chromium tests of integration-tests and integration-tests-redis (both add
 * {@code integration-tests/src/chromium/java} as a test source directory), hence public.
 */
public final class Chromium implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The window size of every test; a screenshot shows the page area inside it, as wide. */
    public static final int WIDTH = 1280;

    public static final int HEIGHT = 900;

    private final ChromiumInstallation installation;
    private final Path profile;
    private final Consumer<ChromeOptions> extraOptions;
    private ChromeDriver driver;

    private Chromium(ChromiumInstallation installation, Path profile, Consumer<ChromeOptions> extraOptions) {
        this.installation = installation;
        this.profile = profile;
        this.extraOptions = extraOptions;
    }

    /**
     * Starts Chromium on a new, empty profile.
     *
     * @param installation the Chromium and ChromeDriver to run
     * @return the running browser
     */
    public static Chromium start(ChromiumInstallation installation) {
        return start(installation, options -> {});
    }

    /**
     * Starts Chromium on a new, empty profile, with more options (such as a log to read), which a
     * {@link #restart()} keeps.
     *
     * @param installation the Chromium and ChromeDriver to run
     * @param extraOptions adds to the options every test uses
     * @return the running browser
     */
    public static Chromium start(ChromiumInstallation installation, Consumer<ChromeOptions> extraOptions) {
        Chromium chromium;
        try {
            chromium = new Chromium(installation, Files.createTempDirectory("chromium-profile-"), extraOptions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            chromium.driver = chromium.launch();
        } catch (RuntimeException e) {
            chromium.deleteProfile();
            throw e;
        }
        return chromium;
    }

    /** @return the driver of the running browser */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Quits the browser and starts it again on the same profile, as a user does: session cookies
     * are gone, while localStorage, persistent cookies and the HTTP cache stay.
     */
    public void restart() {
        driver.quit();
        driver = launch();
    }

    /**
     * Makes the browser as new for an origin: one new tab (so no page, socket or sessionStorage of
     * before), no cookies, no stored data of the origin, an empty HTTP cache.
     *
     * @param origin the origin whose data goes, such as {@code http://localhost:8081}
     */
    public void forget(String origin) {
        driver.switchTo().newWindow(WindowType.TAB);
        String fresh = driver.getWindowHandle();
        for (String window : driver.getWindowHandles()) {
            if (!window.equals(fresh)) {
                driver.switchTo().window(window).close();
            }
        }
        driver.switchTo().window(fresh);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
    }

    /** Runs a script in the current window's page and returns its result. */
    public Object js(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /**
     * Waits for a condition on the browser, checked every 50 ms, at most {@link #TIMEOUT}.
     *
     * @param what what is waited for, for the failure message
     * @param condition true, or non-null, once it holds
     * @return the condition's last value
     */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, TIMEOUT, condition);
    }

    /**
     * Waits for a condition on the browser, checked every 50 ms.
     *
     * @param what what is waited for, for the failure message
     * @param timeout how long at most
     * @param condition true, or non-null, once it holds
     * @return the condition's last value
     */
    public <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50))
                .withMessage(what)
                .until(condition);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private ChromeDriver launch() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installation.driver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installation.browser().toFile());
        // Flags that let Chromium run as root in a container (no sandbox, display or GPU), with a
        // small /dev/shm, and keep it from going to the network on its own.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        extraOptions.accept(options);
        return new ChromeDriver(service, options);
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the Chromium profile " + profile, e);
        }
    }
}
