package dev.browserstorage.cookie;

/**
 * The rules on a cookie's name and value as text: the characters they may hold, no {@code =} in the
 * name, no surrounding whitespace, and what a nameless cookie's value may not look like. Their size
 * is {@link SizeRules}'s.
 *
 * <p>Values are described, never quoted: a cookie value is often a secret (a session id), and these
 * messages end up in logs.
 */
final class NameValueRules {
    private NameValueRules() {}

    /** The name's characters, {@code =} and surrounding whitespace. */
    static void checkName(String name) {
        checkNameCharacters(name);
        int equals = name.indexOf('=');
        if (equals >= 0) {
            Refusals.fail(
                    CookieRule.NAME_CONTAINS_EQUALS,
                    name,
                    "Cookie name " + CookieText.quote(name) + " contains '=' at index " + equals,
                    "Remove it, or encode the name.");
        }
        checkWhitespace(name, name, "Cookie name " + CookieText.quote(name), "Remove the surrounding whitespace.");
    }

    /**
     * The name's and the value's characters (the name's first), the name's other rules, the value's
     * surrounding whitespace and, for an empty name, the nameless-cookie rules.
     */
    static void checkNameAndValue(String name, String value) {
        String valueSubject = "The value (" + value.length() + " characters) of " + Refusals.lowerCaseSubject(name);
        checkNameCharacters(name);
        Refusals.checkCharacters(
                CookieRule.VALUE_CHARACTERS,
                name,
                value,
                valueSubject,
                "Encode the value (for example with percent-encoding or Base64).");
        checkName(name);
        checkWhitespace(name, value, valueSubject, "Trim the value, or encode it.");
        if (name.isEmpty()) {
            checkNameless(value);
        }
    }

    private static void checkNameCharacters(String name) {
        Refusals.checkCharacters(
                CookieRule.NAME_CHARACTERS,
                name,
                name,
                "Cookie name " + CookieText.quote(name),
                "Remove it, or encode the name (for example with percent-encoding).");
    }

    /** A nameless cookie is sent as its bare value, so that value must not read as a name. */
    private static void checkNameless(String value) {
        String fix = "Give the cookie a name.";
        if (value.isEmpty()) {
            Refusals.fail(CookieRule.EMPTY_NAME_AND_VALUE, "", "The cookie has an empty name and an empty value", fix);
        }
        int equals = value.indexOf('=');
        if (equals >= 0) {
            Refusals.fail(
                    CookieRule.NAMELESS_VALUE_CONTAINS_EQUALS,
                    "",
                    "The cookie has an empty name and a value of " + value.length() + " characters with '=' at index "
                            + equals,
                    fix);
        }
        CookiePrefix.of(value)
                .ifPresent(prefix -> Refusals.fail(
                        CookieRule.NAMELESS_VALUE_HAS_PREFIX,
                        "",
                        "The cookie has an empty name and a value that starts with the prefix " + prefix.text(),
                        fix));
    }

    private static void checkWhitespace(String name, String text, String subject, String fix) {
        if (CookieText.hasSurroundingWhitespace(text)) {
            char first = text.charAt(0);
            boolean starts = first == ' ' || first == '\t';
            char offending = starts ? first : text.charAt(text.length() - 1);
            Refusals.fail(
                    CookieRule.LEADING_OR_TRAILING_WHITESPACE,
                    name,
                    subject + (starts ? " starts" : " ends") + " with " + (offending == ' ' ? "a space" : "a TAB"),
                    fix);
        }
    }
}
