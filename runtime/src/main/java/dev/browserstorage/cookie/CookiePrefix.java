package dev.browserstorage.cookie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The cookie-name prefixes that make a browser demand attributes (RFC 6265bis, draft "layered
 * cookies"), declared longest first: {@code __Host-Http-} is also a {@code __Host-} name.
 */
enum CookiePrefix {
    HOST_HTTP("__Host-Http-", CookieRule.HOST_HTTP_PREFIX, true, true),
    HOST("__Host-", CookieRule.HOST_PREFIX, true, false),
    HTTP("__Http-", CookieRule.HTTP_PREFIX, false, true),
    SECURE("__Secure-", CookieRule.SECURE_PREFIX, false, false);

    private final String text;
    private final CookieRule rule;
    /** Host-only with path {@code /}. */
    private final boolean hostRules;
    /** HttpOnly. */
    private final boolean httpRules;

    CookiePrefix(String text, CookieRule rule, boolean hostRules, boolean httpRules) {
        this.text = text;
        this.rule = rule;
        this.hostRules = hostRules;
        this.httpRules = httpRules;
    }

    /** The prefix as written, such as {@code __Host-}. */
    String text() {
        return text;
    }

    /**
     * The prefix {@code text} starts with, ignoring ASCII case as browsers do.
     *
     * @return the longest matching prefix, if any
     */
    static Optional<CookiePrefix> of(String text) {
        return Arrays.stream(values())
                .filter(prefix -> CookieText.startsWithIgnoreCase(text, prefix.text))
                .findFirst();
    }

    /** Refuses a prefixed name on a cookie without the attributes its prefix demands; every lack is named. */
    static void check(String name, CookieOptions options) {
        of(name).ifPresent(prefix -> prefix.checkAttributes(name, options));
    }

    private void checkAttributes(String name, CookieOptions options) {
        List<String> problems = new ArrayList<>();
        List<String> fixes = new ArrayList<>();
        if (!options.secure()) {
            problems.add("is not Secure");
            fixes.add("make it Secure");
        }
        if (hostRules && options.domain().isPresent()) {
            problems.add("sets domain " + CookieText.quote(options.domain().get()));
            fixes.add("remove the domain");
        }
        if (hostRules && !options.path().equals("/")) {
            problems.add("has path " + CookieText.quote(options.path()));
            fixes.add("set the path to '/'");
        }
        if (httpRules && !options.httpOnly()) {
            problems.add("is not HttpOnly");
            fixes.add("make it HttpOnly (it can then only be set by the server)");
        }
        if (!problems.isEmpty()) {
            Refusals.fail(
                    rule,
                    name,
                    Refusals.subject(name) + " uses the " + text + " prefix but " + joinWithAnd(problems),
                    capitalize(joinWithAnd(fixes)) + ", or drop the prefix.");
        }
    }

    private static String joinWithAnd(List<String> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
