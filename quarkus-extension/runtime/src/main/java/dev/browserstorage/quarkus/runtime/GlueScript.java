package dev.browserstorage.quarkus.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.cookie.CookieRules;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The glue the extension serves at {@code <path>/storage.js}: the core ({@code storage.js}, the
 * sync protocol for localStorage and sessionStorage), then the optional parts the application uses
 * (and {@code schema.js}, the checks that binding and typed stores share), each a script of its own that registers with the core ({@code BrowserStorage._core.use}), then
 * the server's limits ({@code BrowserStorage._core.configure}), so that the page refuses what the
 * server would refuse. Which parts go in is decided when the application is built ({@code
 * quarkus.browser-storage.glue.*}, docs/config.md); the limits are the run-time configuration the
 * application starts with. The files are minified by the build, each with a source map; the glue's
 * source map ({@code storage.js.map}) is an index map with one section per file.
 */
public final class GlueScript {
    static final String DIRECTORY = "META-INF/browser-storage/glue/";
    /** Where the served glue says its source map is: next to it. */
    static final String SOURCE_MAP_COMMENT = "//# sourceMappingURL=storage.js.map\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An optional part of the glue. */
    public enum Part {
        /**
         * The checks bound fields and typed stores share (formats, limits); in the glue of an
         * application with stores, or with binding.
         */
        SCHEMA("schema.js"),
        /** The cookie road: cookie writes from the socket, HttpOnly commits, change detection. */
        COOKIES("cookies.js"),
        /** Bound form fields ({@code data-storage}); the server follows it with the stores' schemas. */
        BINDING("binding.js");

        private final String file;

        Part(String file) {
            this.file = file;
        }
    }

    /**
     * The limits the page checks before it writes, as the server checks them.
     *
     * @param maxValueBytes {@code quarkus.browser-storage.max-value-bytes}: one value, in UTF-8 bytes
     * @param maxAreaUnits {@code quarkus.browser-storage.max-area-units}: the app's keys and values of
     *     one area, in UTF-16 units
     */
    public record Limits(long maxValueBytes, long maxAreaUnits) {
        /**
         * The object the glue takes: these limits and the cookie rules' ({@link CookieRules}).
         *
         * @return its JSON text
         */
        String json() {
            return JSON.createObjectNode()
                    .put("maxValueBytes", maxValueBytes)
                    .put("maxAreaUnits", maxAreaUnits)
                    .put("maxNameValueBytes", CookieRules.MAX_NAME_VALUE_BYTES)
                    .put("maxAttributeBytes", CookieRules.MAX_ATTRIBUTE_BYTES)
                    .toString();
        }
    }

    /**
     * The served glue and its source map.
     *
     * @param script the script's text, ending with the line that names its source map
     * @param sourceMap the index map of the files in it
     */
    public record Composed(String script, String sourceMap) {}

    private GlueScript() {}

    /**
     * The core with the given parts, in the order of {@link Part}, configured with the limits.
     *
     * @param parts the parts to put in
     * @param limits the server's limits
     * @return the script and its source map
     * @throws IllegalStateException if a file is missing from the class path (jars of different
     *     versions)
     */
    public static Composed compose(Set<Part> parts, Limits limits) {
        List<String> files = new ArrayList<>();
        files.add("storage.js");
        (parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts)).forEach(part -> files.add(part.file));
        StringBuilder script = new StringBuilder();
        ObjectNode map = JSON.createObjectNode().put("version", 3).put("file", "storage.js");
        ArrayNode sections = map.putArray("sections");
        int line = 0;
        for (String file : files) {
            String text = BrowserStorageRecorder.resource(DIRECTORY + file);
            ObjectNode section = sections.addObject();
            section.putObject("offset").put("line", line).put("column", 0);
            section.set("map", sourceMap(file));
            script.append(text);
            if (!text.endsWith("\n")) {
                script.append('\n');
            }
            line += lines(text) + (text.endsWith("\n") ? 0 : 1);
        }
        script.append("BrowserStorage._core.configure(").append(limits.json()).append(");\n");
        return new Composed(script.toString(), map.toString());
    }

    /**
     * A file's own source map, with its source named by its place in the jar; an empty one where the
     * build made none (the file is then served as written).
     */
    private static ObjectNode sourceMap(String file) {
        String name = DIRECTORY + file + ".map";
        if (Thread.currentThread().getContextClassLoader().getResource(name) == null) {
            ObjectNode empty = JSON.createObjectNode().put("version", 3).put("mappings", "");
            empty.putArray("names");
            empty.putArray("sources").add(DIRECTORY + file);
            return empty;
        }
        try {
            ObjectNode map = (ObjectNode) JSON.readTree(BrowserStorageRecorder.resource(name));
            map.remove("file");
            map.putArray("sources").add(DIRECTORY + file);
            return map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }

    private static int lines(CharSequence text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }
}
