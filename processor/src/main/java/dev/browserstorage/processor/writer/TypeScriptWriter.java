package dev.browserstorage.processor.writer;

import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.processor.model.ValueType;
import dev.browserstorage.protect.Protection;
import java.util.stream.Collectors;

/**
 * Writes the TypeScript interface of a store's values, {@code export interface Preferences { theme:
 * "LIGHT" | "DARK"; fontSize: number; ... }}: enums as unions of their constants' names, lists and
 * sets as arrays, maps as records, nested objects as records of unknown values, and {@code | null}
 * where the field has no default the processor could read (it then reads as null while absent).
 * Signed fields are {@code readonly} (only the server writes them); encrypted fields are left out.
 * The extension joins the interfaces of all stores into one {@code .d.ts} with the store API around
 * them (see {@code docs/javascript.md}).
 */
public final class TypeScriptWriter {
    private final String generator;

    /**
     * A writer that names the generator in its outputs' first line.
     *
     * @param generator the processor's class name
     */
    public TypeScriptWriter(String generator) {
        this.generator = generator;
    }

    /**
     * The resource path of a store's interface.
     *
     * @param store the store
     * @return {@code META-INF/browser-storage/js/<binary POJO name>.d.ts}
     */
    public static String path(StoreModel store) {
        return JsStoreWriter.DIRECTORY + store.pojo().reflectionName() + ".d.ts";
    }

    /**
     * The interface's name: the POJO's simple name, nested names joined with {@code _} as for the
     * generated Java store.
     *
     * @param store the store
     * @return the name, such as {@code Preferences} or {@code Outer_Inner}
     */
    public static String interfaceName(StoreModel store) {
        return String.join("_", store.pojo().simpleNames());
    }

    /**
     * The interface of a store's values.
     *
     * @param store a localStorage or sessionStorage store without errors
     * @return the TypeScript declaration
     */
    public String write(StoreModel store) {
        StringBuilder out = new StringBuilder()
                .append(JsStoreWriter.firstLine(generator, store))
                .append("/** The values of ")
                .append(store.pojo().reflectionName())
                .append(", kept in ")
                .append(store.area().wireName())
                .append("Storage as \"<app>:")
                .append(store.namespace())
                .append(".<field>\". */\n")
                .append("export interface ")
                .append(interfaceName(store))
                .append(" {\n");
        for (FieldModel field : JsStoreWriter.visibleFields(store)) {
            boolean signed = store.protectionOf(field) == Protection.SIGNED;
            out.append("  /** ")
                    .append(field.type().describe().replace("*/", "*\\/"))
                    .append(" at \"")
                    .append(store.keyOf(field))
                    .append(signed ? "\", signed: only the server writes it. */\n" : "\". */\n")
                    .append(signed ? "  readonly " : "  ")
                    .append(field.name())
                    .append(": ")
                    .append(type(field.type()));
            if (field.defaultLiteral().isEmpty()) {
                out.append(" | null");
            }
            out.append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static String type(ValueType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return "boolean";
            case BYTE:
            case SHORT:
            case INT:
            case LONG:
            case FLOAT:
            case DOUBLE:
                return "number";
            case ENUM:
                if (type.enumConstants().isEmpty()) {
                    return "never";
                }
                return type.enumConstants().stream()
                        .map(constant -> '"' + constant + '"')
                        .collect(Collectors.joining(" | "));
            case LIST:
            case SET:
                return "Array<" + type(type.element().orElseThrow()) + ">";
            case MAP:
                return "Record<string, " + type(type.element().orElseThrow()) + ">";
            case JSON:
                return "Record<string, unknown>";
            case UNSUPPORTED:
                throw new IllegalStateException("No TypeScript type for an unsupported type: " + type.describe());
            default:
                // String, char, BigDecimal, UUID and the java.time types are JSON strings.
                return "string";
        }
    }
}
