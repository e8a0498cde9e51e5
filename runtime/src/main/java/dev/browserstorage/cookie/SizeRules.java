package dev.browserstorage.cookie;

import dev.browserstorage.codec.Utf8;

/**
 * The byte limits browsers put on a cookie: {@link CookieRules#MAX_NAME_VALUE_BYTES} for the name
 * and value together, {@link CookieRules#MAX_ATTRIBUTE_BYTES} for the path and for the domain, each
 * counted in UTF-8.
 */
final class SizeRules {
    private SizeRules() {}

    /** The name and value together. */
    static void checkNameAndValue(String name, String value) {
        int bytes = CookieRules.nameValueBytes(name, value);
        if (bytes > CookieRules.MAX_NAME_VALUE_BYTES) {
            Refusals.fail(
                    CookieRule.NAME_VALUE_TOO_LONG,
                    name,
                    Refusals.subject(name) + " has a name and value of " + bytes
                            + " bytes in UTF-8 (name " + Utf8.length(name) + ", value "
                            + Utf8.length(value) + "), over " + CookieRules.MAX_NAME_VALUE_BYTES,
                    "Store less in the cookie, or keep large data in localStorage.");
        }
    }

    /** The name alone, for a declaration, whose value is not known yet. */
    static void checkName(String name) {
        int nameBytes = Utf8.length(name);
        if (nameBytes > CookieRules.MAX_NAME_VALUE_BYTES) {
            Refusals.fail(
                    CookieRule.NAME_VALUE_TOO_LONG,
                    name,
                    "Cookie name " + CookieText.quote(name) + " is " + nameBytes + " bytes in UTF-8 on its own, over "
                            + CookieRules.MAX_NAME_VALUE_BYTES,
                    "Shorten the name.");
        }
    }

    /** The path, then the domain if there is one. */
    static void checkAttributes(String name, CookieOptions options) {
        checkAttribute(name, "path", options.path());
        options.domain().ifPresent(domain -> checkAttribute(name, "domain", domain));
    }

    private static void checkAttribute(String name, String attribute, String text) {
        int bytes = Utf8.length(text);
        if (bytes > CookieRules.MAX_ATTRIBUTE_BYTES) {
            Refusals.fail(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    name,
                    Refusals.subject(name) + " has a " + attribute + " of " + bytes + " bytes in UTF-8, over "
                            + CookieRules.MAX_ATTRIBUTE_BYTES + ": " + CookieText.quote(text),
                    "Shorten the " + attribute + ".");
        }
    }
}
