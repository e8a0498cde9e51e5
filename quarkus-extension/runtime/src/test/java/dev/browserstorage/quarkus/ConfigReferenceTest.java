package dev.browserstorage.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/config.md cannot drift from the configuration interfaces: it has one row for every property
 * they declare, none for a property they do not, and the default it gives is the one declared.
 */
class ConfigReferenceTest {
    private static final String PREFIX = "quarkus.browser-storage.";
    /** A table row: the property in backticks, then its default cell. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `(quarkus\\.browser-storage\\.[a-z0-9.-]+)` \\| ([^|]*) \\|");

    @Test
    void everyPropertyIsDocumentedWithItsDefaultAndNoOtherIs() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        properties(BrowserStorageConfig.class, PREFIX, declared);
        properties(BrowserStorageBuildTimeConfig.class, PREFIX, declared);

        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../../docs/config.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                documented.put(row.group(1), row.group(2).strip());
            }
        }

        assertThat(documented.keySet())
                .as("the properties docs/config.md documents")
                .isEqualTo(declared.keySet());
        declared.forEach((property, defaultValue) -> {
            if (defaultValue != null) {
                assertThat(documented.get(property))
                        .as("the default docs/config.md gives %s", property)
                        .startsWith("`" + defaultValue + "`");
            }
        });
    }

    /** The properties of a config interface and its groups, each with its declared default or null. */
    private static void properties(Class<?> config, String prefix, Map<String, String> into) {
        for (Method method : config.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isDefault()) {
                continue;
            }
            String name = prefix + kebab(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == config) {
                properties(method.getReturnType(), name + ".", into);
                continue;
            }
            WithDefault defaultValue = method.getAnnotation(WithDefault.class);
            into.put(name, defaultValue == null ? null : defaultValue.value());
        }
    }

    /** {@code maxValueBytes} is {@code max-value-bytes}, as SmallRye Config names it. */
    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
