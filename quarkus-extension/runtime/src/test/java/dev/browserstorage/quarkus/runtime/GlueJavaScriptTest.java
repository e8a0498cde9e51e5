package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The glue's JavaScript lane, run by the build: its unit tests ({@code src/test/js/*.test.mjs},
 * node's built-in test runner, on the files as served: the minified copies the build wrote to {@code
 * target/classes}) and its linter (ESLint with {@code eslint.config.mjs}, installed by {@code .ci/run}).
 * Where node or eslint is missing the tests are skipped with the reason; under {@code CI=true} they
 * fail instead, so that CI cannot pass without them.
 */
class GlueJavaScriptTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path TESTS = MODULE.resolve("src/test/js");
    private static final Path SERVED = MODULE.resolve("target/classes/META-INF/browser-storage/glue");

    @Test
    void theUnitTestsPassOnTheServedFiles() throws Exception {
        require("node", "node 20 or later");
        assertThat(Files.readString(SERVED.resolve("storage.js")))
                .as("the build minified the glue")
                .doesNotContain("\n  // ");
        List<String> command = new ArrayList<>(List.of("node", "--test"));
        try (Stream<Path> files = Files.list(TESTS)) {
            files.filter(file -> file.getFileName().toString().endsWith(".test.mjs"))
                    .sorted()
                    .forEach(file -> command.add(MODULE.relativize(file).toString()));
        }
        Result result = run(command);

        System.out.println("node --test: " + count(result.output, "# tests (\\d+)") + " tests, "
                + count(result.output, "# pass (\\d+)") + " passed");
        assertThat(result.exit).as(result.output).isZero();
        assertThat(count(result.output, "# fail (\\d+)")).as(result.output).isZero();
        assertThat(count(result.output, "# pass (\\d+)")).isPositive();
    }

    @Test
    void theGlueAndItsTestsPassTheLinter() throws Exception {
        require("eslint", "eslint 9 (npm install -g eslint@9.39.1)");
        Result result = run(List.of("eslint", "--max-warnings", "0", "."));

        System.out.println("eslint: " + (result.exit == 0 ? "no problems" : result.output));
        assertThat(result.exit).as(result.output).isZero();
    }

    private static void require(String tool, String what) throws InterruptedException {
        boolean present;
        try {
            present = run(List.of(tool, "--version")).exit == 0;
        } catch (IOException e) {
            present = false;
        }
        String reason = tool + " is not on the PATH: the glue's JavaScript lane needs " + what;
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(reason + " (CI=true: the lane may not be skipped)");
        }
        assumeTrue(present, reason + "; skipped");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(MODULE.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 5 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static int count(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
