package dev.browserstorage.cookie;

import dev.browserstorage.annotation.SameSite;

/**
 * The rules on a cookie's attributes other than its domain ({@link DomainRules}), prefix ({@link
 * CookiePrefix}), sizes ({@link SizeRules}) and lifetime ({@link LifetimeRules}): the characters a
 * path or domain may hold, an absolute path, and the attributes that need Secure, which in turn
 * needs a secure page.
 */
final class AttributeRules {
    private AttributeRules() {}

    /** The path's characters, then the domain's. */
    static void checkCharacters(String name, CookieOptions options) {
        String path = options.path();
        Refusals.checkCharacters(
                CookieRule.ATTRIBUTE_CHARACTERS,
                name,
                path,
                Refusals.subject(name) + " has path " + CookieText.quote(path),
                "Remove it, or percent-encode it.");
        options.domain()
                .ifPresent(domain -> Refusals.checkCharacters(
                        CookieRule.ATTRIBUTE_CHARACTERS,
                        name,
                        domain,
                        Refusals.subject(name) + " has domain " + CookieText.quote(domain),
                        "Remove it."));
    }

    /** The path starts with {@code /}. */
    static void checkPath(String name, CookieOptions options) {
        String path = options.path();
        if (!path.startsWith("/")) {
            Refusals.fail(
                    CookieRule.PATH_NOT_ABSOLUTE,
                    name,
                    Refusals.subject(name) + " has path " + CookieText.quote(path) + ", which does not start with '/'",
                    "Write " + CookieText.quote("/" + path) + (path.isEmpty() ? " for the whole site." : "."));
        }
    }

    /** {@code SameSite=None}, then {@code Partitioned}, each only on a Secure cookie. */
    static void checkNeedsSecure(String name, CookieOptions options) {
        if (options.sameSite() == SameSite.NONE && !options.secure()) {
            Refusals.fail(
                    CookieRule.SAMESITE_NONE_REQUIRES_SECURE,
                    name,
                    Refusals.subject(name) + " sets SameSite=None but is not Secure",
                    "Make it Secure, or use SameSite=Lax.");
        }
        if (options.partitioned() && !options.secure()) {
            Refusals.fail(
                    CookieRule.PARTITIONED_REQUIRES_SECURE,
                    name,
                    Refusals.subject(name) + " is Partitioned but not Secure",
                    "Make it Secure, or drop Partitioned.");
        }
    }

    /** A Secure cookie only from a page in a secure context (HTTPS, or a loopback host). */
    static void checkSecureContext(String name, CookieOptions options, CookieHosts.Page page, String pageUrl) {
        if (options.secure() && !page.secureContext()) {
            Refusals.fail(
                    CookieRule.SECURE_ON_INSECURE_ORIGIN,
                    name,
                    Refusals.subject(name) + " is Secure but the page " + CookieText.quote(pageUrl)
                            + " is not served over HTTPS",
                    "Serve the page over HTTPS (or from localhost while developing), or make the cookie"
                            + " not Secure.");
        }
    }
}
