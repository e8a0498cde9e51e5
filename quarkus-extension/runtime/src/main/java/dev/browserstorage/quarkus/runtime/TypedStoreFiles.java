package dev.browserstorage.quarkus.runtime;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Joins the typed-store runtime and the processor's per-store definitions into the three files a
 * page loads: a plain script, an ES module and the TypeScript types (docs/javascript.md).
 */
public final class TypedStoreFiles {
    /** The runtime that defines {@code BrowserStorage.defineStore}. */
    static final String RUNTIME = "META-INF/browser-storage/glue/typed.js";
    /** The API types that come before the stores' interfaces. */
    static final String TYPES = "META-INF/browser-storage/glue/stores.d.ts";
    /** Where the processor writes each store's definition and interface. */
    public static final String DEFINITIONS = "META-INF/browser-storage/js/";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> RESERVED = Set.of(
            "arguments",
            "await",
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "eval",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "implements",
            "import",
            "in",
            "instanceof",
            "interface",
            "let",
            "new",
            "null",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "static",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "yield");

    /**
     * One typed store.
     *
     * @param name its name in {@code BrowserStorage.stores}: the namespace
     * @param type the POJO's binary name, which names its definition and interface resources
     * @param interfaceName the TypeScript interface of its values
     */
    public record Store(String name, String type, String interfaceName) {
        String script() {
            return DEFINITIONS + type + ".js";
        }

        String typings() {
            return DEFINITIONS + type + ".d.ts";
        }
    }

    private TypedStoreFiles() {}

    /**
     * Whether a store's name can be a named export of the module (otherwise only {@code
     * stores["my-ns"]} reaches it).
     *
     * @param name the store's name
     * @return true for a JavaScript identifier that is not a reserved word
     */
    public static boolean exportable(String name) {
        return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** The stores with a named export, the same in the module and in its types. */
    private static List<Store> exported(List<Store> stores) {
        return stores.stream().filter(store -> exportable(store.name())).toList();
    }

    /**
     * The plain script: the runtime, then every definition.
     *
     * @param stores the stores, in a stable order
     * @return the script's text
     */
    static String script(List<Store> stores) {
        StringBuilder out = new StringBuilder(BrowserStorageRecorder.resource(RUNTIME));
        for (Store store : stores) {
            out.append(BrowserStorageRecorder.resource(store.script()));
        }
        return out.toString();
    }

    /**
     * The ES module: the plain script, then {@code export default} of all stores and a named export
     * per store whose name allows one.
     *
     * @param stores the stores, in a stable order
     * @return the module's text
     */
    static String module(List<Store> stores) {
        StringBuilder out = new StringBuilder(script(stores))
                .append("const $stores = window.BrowserStorage.stores;\n")
                .append("export default $stores;\n");
        for (Store store : exported(stores)) {
            out.append("export const %1$s = $stores.%1$s;\n".formatted(store.name()));
        }
        return out.toString();
    }

    /**
     * The TypeScript types: the API, every store's interface, the {@code Stores} of this application
     * and the module's exports.
     *
     * @param stores the stores, in a stable order
     * @return the declarations
     */
    public static String typings(List<Store> stores) {
        StringBuilder out = new StringBuilder(BrowserStorageRecorder.resource(TYPES));
        for (Store store : stores) {
            out.append('\n').append(BrowserStorageRecorder.resource(store.typings()));
        }
        out.append("\n/** This application's typed stores, by namespace. */\nexport interface Stores {\n");
        for (Store store : stores) {
            out.append("  \"%s\": TypedStore<%s>;\n".formatted(store.name(), store.interfaceName()));
        }
        out.append("}\n\ndeclare const $stores: Stores;\nexport default $stores;\n");
        for (Store store : exported(stores)) {
            out.append("export declare const %s: TypedStore<%s>;\n".formatted(store.name(), store.interfaceName()));
        }
        return out.append("\ndeclare global {\n  var BrowserStorage: BrowserStorageApi;\n}\n")
                .toString();
    }
}
