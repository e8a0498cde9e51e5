package dev.browserstorage.processor.model;

import java.util.Locale;

/**
 * How the processor turns Java names into other names: the one place for capitalisation, so the
 * store's methods, its constants and the diagnostics that name them cannot disagree.
 */
public final class Names {
    private Names() {}

    /**
     * Upper-cases the first letter, as JavaBeans accessors do: {@code fontSize} to {@code FontSize}.
     *
     * @param name a Java name
     * @return the name with its first letter upper-cased
     */
    public static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * As JavaBeans do it: {@code Preferences} to {@code preferences}; {@code URLState} stays.
     *
     * @param name a Java name
     * @return the name with its first letter lower-cased, unless its first two are upper case
     */
    public static String decapitalize(String name) {
        if (name.length() > 1 && Character.isUpperCase(name.charAt(1)) && Character.isUpperCase(name.charAt(0))) {
            return name;
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * A constant's name: {@code fontSize} to {@code FONT_SIZE}.
     *
     * @param name a Java name
     * @return the name in upper snake case
     */
    public static String upperSnake(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * A bean getter's name for a property: {@code isX} for a primitive {@code boolean}, {@code getX}
     * otherwise.
     *
     * @param property the property's name
     * @param primitiveBoolean true for a primitive {@code boolean}
     * @return the getter's name
     */
    public static String getter(String property, boolean primitiveBoolean) {
        return (primitiveBoolean ? "is" : "get") + capitalize(property);
    }

    /**
     * A bean setter's name: {@code setX}.
     *
     * @param property the property's name
     * @return the setter's name
     */
    public static String setter(String property) {
        return "set" + capitalize(property);
    }
}
