package dev.browserstorage.processor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** What makes build tools find and run the processor, read from the processor's own build output. */
class ProcessorRegistrationTest {

    /** The directory (or jar) that BrowserStorageProcessor.class was loaded from: this module's build output. */
    private static Path processorOutput() throws URISyntaxException {
        return Path.of(BrowserStorageProcessor.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static List<String> linesOf(String resource) throws IOException, URISyntaxException {
        Path output = processorOutput();
        Assertions.assertThat(output).as("the processor's classes directory").isDirectory();
        Path file = output.resolve(resource);
        Assertions.assertThat(file).as(resource).isRegularFile();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Test
    void gradleKnowsTheProcessorIsIsolating() throws Exception {
        Assertions.assertThat(linesOf("META-INF/gradle/incremental.annotation.processors"))
                .containsExactly(BrowserStorageProcessor.class.getName() + ",isolating");
    }

    @Test
    void javacFindsTheProcessorThroughItsServiceFile() throws Exception {
        Assertions.assertThat(linesOf("META-INF/services/javax.annotation.processing.Processor"))
                .containsExactly(BrowserStorageProcessor.class.getName());
        Assertions.assertThat(
                        ServiceLoader.load(Processor.class, BrowserStorageProcessor.class.getClassLoader()).stream())
                .anyMatch(provider -> provider.type() == BrowserStorageProcessor.class);
    }
}
