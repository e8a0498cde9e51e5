package dev.browserstorage.cookie;

/**
 * How a broken {@link CookieRule} is reported: one {@link InvalidCookieException} whose message says
 * what is wrong, what the browser does about it and how to fix it, and the phrases the rule classes
 * share to name the cookie.
 */
final class Refusals {
    private Refusals() {}

    /**
     * Refuses the cookie.
     *
     * @param problem what is wrong, naming the cookie and quoting the offending text
     * @param fix how to fix it, a sentence
     * @throws InvalidCookieException always: "problem: what browsers do. fix"
     */
    static void fail(CookieRule rule, String name, String problem, String fix) {
        throw new InvalidCookieException(rule, name, problem + ": " + rule.description() + ". " + fix);
    }

    /** Refuses {@code text} if it holds a character no cookie name, value, path or domain may hold. */
    static void checkCharacters(CookieRule rule, String name, String text, String subject, String fix) {
        int index = CookieText.indexOfForbidden(text);
        if (index >= 0) {
            fail(
                    rule,
                    name,
                    subject + " contains " + CookieText.describeCharacter(text, index) + " at index " + index,
                    fix);
        }
    }

    /** The cookie as a message's subject: "Cookie 'sid'", or "The cookie with an empty name". */
    static String subject(String name) {
        return name.isEmpty() ? "The cookie with an empty name" : "Cookie " + CookieText.quote(name);
    }

    /** {@link #subject} inside a sentence: "cookie 'sid'", or "the cookie with an empty name". */
    static String lowerCaseSubject(String name) {
        return name.isEmpty() ? "the cookie with an empty name" : "cookie " + CookieText.quote(name);
    }
}
