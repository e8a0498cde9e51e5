package dev.browserstorage.demo.chromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where this machine's Chromium and its ChromeDriver are: {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs), unless the system property or environment variable names another.
 *
 * @param browser the Chromium executable
 * @param driver the ChromeDriver executable of the same version
 */
public record ChromiumInstallation(Path browser, Path driver) {
    static final String BROWSER_PROPERTY = "chromium.binary";
    static final String BROWSER_VARIABLE = "CHROMIUM_BINARY";
    static final String DRIVER_PROPERTY = "chromium.driver";
    static final String DRIVER_VARIABLE = "CHROMIUM_DRIVER";

    /** @return the installation the properties, the environment or the defaults name */
    public static ChromiumInstallation configured() {
        return new ChromiumInstallation(
                path(BROWSER_PROPERTY, BROWSER_VARIABLE, "/usr/bin/chromium"),
                path(DRIVER_PROPERTY, DRIVER_VARIABLE, "/usr/bin/chromedriver"));
    }

    /** @return what is missing and how to install or name it; empty when both can run */
    public Optional<String> missing() {
        List<String> problems = new ArrayList<>();
        if (!Files.isExecutable(browser)) {
            problems.add("no Chromium at " + browser + " (-D" + BROWSER_PROPERTY + " or " + BROWSER_VARIABLE
                    + " names another)");
        }
        if (!Files.isExecutable(driver)) {
            problems.add("no ChromeDriver at " + driver + " (-D" + DRIVER_PROPERTY + " or " + DRIVER_VARIABLE
                    + " names another)");
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems)
                + ". Install both with `apt-get install chromium chromium-driver` (.ci/run does).");
    }

    private static Path path(String property, String variable, String fallback) {
        String named = System.getProperty(property);
        if (named == null || named.isBlank()) {
            named = System.getenv(variable);
        }
        return Path.of(named == null || named.isBlank() ? fallback : named);
    }
}
