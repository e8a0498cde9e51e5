package dev.browserstorage.quarkus.runtime;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The glue the extension serves at {@code <path>/storage.js}: the core ({@code storage.js}, the
 * sync protocol for localStorage and sessionStorage) with the optional parts the application uses
 * put in at its {@code // @parts} line. The parts are fragments that run inside the core's closure,
 * so the page still loads one script. Which parts go in is decided when the application is built
 * ({@code quarkus.browser-storage.glue.*}, docs/config.md).
 */
public final class GlueScript {
    static final String DIRECTORY = "META-INF/browser-storage/glue/";
    private static final String MARKER = "  // @parts\n";

    /** An optional part of the glue. */
    public enum Part {
        /** The cookie road: cookie writes from the socket, HttpOnly commits, change detection. */
        COOKIES("cookies.js"),
        /** Bound form fields ({@code data-storage}); the server follows it with the stores' schemas. */
        BINDING("binding.js");

        private final String file;

        Part(String file) {
            this.file = file;
        }
    }

    private GlueScript() {}

    /**
     * The core with the given parts, in the order of {@link Part}.
     *
     * @param parts the parts to put in
     * @return the script's text
     * @throws IllegalStateException if a file is missing from the class path or the core has no
     *     {@code @parts} line (jars of different versions)
     */
    public static String compose(Set<Part> parts) {
        String core = BrowserStorageRecorder.resource(DIRECTORY + "storage.js");
        int at = core.indexOf(MARKER);
        if (at < 0) {
            throw new IllegalStateException(DIRECTORY + "storage.js has no '// @parts' line: the browser-storage jars"
                    + " are of different versions");
        }
        String inserted = (parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts))
                .stream()
                        .map(part -> BrowserStorageRecorder.resource(DIRECTORY + part.file))
                        .collect(Collectors.joining("\n"));
        return core.substring(0, at) + inserted + core.substring(at + MARKER.length());
    }
}
