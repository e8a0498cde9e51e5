package dev.browserstorage.quarkus.deployment;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.ApplicationArchive;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ApplicationArchivesBuildItem;
import io.quarkus.paths.PathVisit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fails the build where a page of the application binds an {@code @Encrypted} field with {@code
 * data-storage}: page scripts cannot read such a value (only the server holds its key), so the
 * bound field could never show it, and a user's edit would replace the sealed value with one the
 * server refuses. Pages are the static ones ({@code META-INF/resources/**.html}) and Qute's
 * templates ({@code templates/**}) of every application archive.
 */
class EncryptedBindingsProcessor {
    private static final String STATIC_PAGES = "META-INF/resources";
    private static final String TEMPLATES = "templates";
    /** The attribute, its value in double, single or no quotes. */
    private static final Pattern BINDING =
            Pattern.compile("\\bdata-storage\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+))");

    @BuildStep
    void refuseEncryptedBindings(
            StoresBuildItem stores,
            ApplicationArchivesBuildItem archives,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        Map<String, String> encrypted = encryptedFields(stores.stores());
        if (encrypted.isEmpty()) {
            return;
        }
        List<String> found = new ArrayList<>();
        for (ApplicationArchive archive : archives.getAllApplicationArchives()) {
            archive.accept(tree -> {
                tree.walkIfContains(STATIC_PAGES, visit -> {
                    String path = visit.getRelativePath("/");
                    if (path.startsWith(STATIC_PAGES + "/") && path.endsWith(".html")) {
                        check(visit, path, encrypted, found);
                    }
                });
                tree.walkIfContains(TEMPLATES, visit -> {
                    String path = visit.getRelativePath("/");
                    if (path.startsWith(TEMPLATES + "/")) {
                        check(visit, path, encrypted, found);
                    }
                });
            });
        }
        found.stream()
                .distinct()
                .sorted()
                .forEach(error -> errors.produce(
                        new ValidationPhaseBuildItem.ValidationErrorBuildItem(new IllegalStateException(error))));
    }

    /** The {@code @Encrypted} fields as pages name them ({@code <name>.<field>}), each with its Java name. */
    static Map<String, String> encryptedFields(List<StoreIndex.Store> stores) {
        Map<String, String> encrypted = new TreeMap<>();
        for (StoreIndex.Store store : stores) {
            String name = StoreTemplatesProcessor.bindingName(store);
            for (String field : store.encryptedFields()) {
                encrypted.put(name + "." + field, store.type() + "." + field);
            }
        }
        return encrypted;
    }

    private static void check(PathVisit visit, String path, Map<String, String> encrypted, List<String> found) {
        if (!Files.isRegularFile(visit.getPath())) {
            return;
        }
        String text;
        try {
            text = Files.readString(visit.getPath(), StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException notText) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        found.addAll(bindings(path, text, encrypted));
    }

    /**
     * The errors of one page.
     *
     * @param path the page's path in its archive, as the error names it
     * @param text the page
     * @param encrypted the {@code @Encrypted} fields as pages name them, with their Java names
     * @return one error per binding of such a field
     */
    static List<String> bindings(String path, String text, Map<String, String> encrypted) {
        List<String> errors = new ArrayList<>();
        Matcher binding = BINDING.matcher(text);
        while (binding.find()) {
            String value = binding.group(1) != null
                    ? binding.group(1)
                    : binding.group(2) != null ? binding.group(2) : binding.group(3);
            String field = encrypted.get(value.strip());
            if (field != null) {
                errors.add(path + ":" + line(text, binding.start()) + ": data-storage=\"" + value.strip()
                        + "\" binds @Encrypted field " + field + ", which page scripts cannot read: remove the binding"
                        + " or the @Encrypted");
            }
        }
        return errors;
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
