package dev.browserstorage.processor;

import dev.browserstorage.processor.validation.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Keeps the rule "one negative test per diagnostic" true as messages are added. */
class MessageCoverageTest {

    @Test
    void everyMessageIsAssertedBySomeTest() throws IOException {
        Path tests = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/java");
        String testSources;
        try (Stream<Path> files = Files.walk(tests)) {
            testSources = files.filter(file -> file.toString().endsWith("Test.java"))
                    .filter(file -> !file.endsWith("MessageCoverageTest.java"))
                    .map(MessageCoverageTest::read)
                    .collect(Collectors.joining("\n"));
        }

        List<String> untested = Arrays.stream(Message.values())
                .map(Enum::name)
                .filter(name -> !Pattern.compile("\\bMessage\\." + name + "\\b")
                        .matcher(testSources)
                        .find())
                .toList();

        Assertions.assertThat(untested).as("messages that no test refers to").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
