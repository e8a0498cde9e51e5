package dev.browserstorage.cookie;

import java.util.Optional;

/**
 * The rules on a cookie's {@code Domain}: no leading dot, an IP address only on a page served from
 * that address, a valid host name, no public suffix, and a domain the page's host matches. Without
 * a page (a declaration), an IP address and a public suffix are refused outright.
 */
final class DomainRules {
    private static final String REMOVE_DOMAIN =
            "Remove the domain: the cookie is then sent to the page's own host only.";

    private DomainRules() {}

    /**
     * @param domain the domain as written
     * @param page the page the cookie is set from, or {@code null} for a declaration
     */
    static void check(String name, String domain, CookieHosts.Page page) {
        String quoted = CookieText.quote(domain);
        if (domain.startsWith(".")) {
            Refusals.fail(
                    CookieRule.DOMAIN_LEADING_DOT,
                    name,
                    Refusals.subject(name) + " sets domain " + quoted + ", which starts with '.'",
                    "Write " + CookieText.quote(domain.replaceFirst("^\\.+", "")) + ".");
        }
        String unbracketed = CookieHosts.unbracket(domain);
        if (CookieHosts.isIpAddress(unbracketed)) {
            checkIpAddress(name, unbracketed, quoted, page);
            return;
        }
        Optional<String> canonical = CookieHosts.toAsciiLowerCase(domain);
        Optional<String> problem = canonical.isEmpty()
                ? Optional.of("it is not a valid internationalized domain name")
                : CookieHosts.syntaxProblem(canonical.get());
        if (problem.isPresent()) {
            Refusals.fail(
                    CookieRule.DOMAIN_SYNTAX,
                    name,
                    Refusals.subject(name) + " sets domain " + quoted + ", but " + problem.get(),
                    "Correct the domain, or " + decapitalize(REMOVE_DOMAIN));
        }
        String ascii = canonical.get();
        if (CookieHosts.isPublicSuffix(ascii) && (page == null || !page.host().equals(ascii))) {
            Refusals.fail(
                    CookieRule.DOMAIN_PUBLIC_SUFFIX,
                    name,
                    Refusals.subject(name) + " sets domain " + quoted + ", which is a public suffix",
                    "Use your site's own domain (such as example." + ascii.replaceFirst("\\.$", "") + "), or "
                            + decapitalize(REMOVE_DOMAIN));
        }
        if (page != null && !CookieHosts.domainMatches(page, ascii)) {
            String host = page.ipAddress()
                    ? "the IP address " + CookieText.quote(page.host()) + ", which only matches itself"
                    : CookieText.quote(page.host()) + ", which is neither that domain nor under it";
            Refusals.fail(
                    CookieRule.DOMAIN_MISMATCH,
                    name,
                    Refusals.subject(name) + " sets domain " + quoted + " but the page's host is " + host,
                    "Use the page's host or a parent domain of it, or " + decapitalize(REMOVE_DOMAIN));
        }
    }

    /** An IP address has no subdomains: it only works on a page served from exactly that address. */
    private static void checkIpAddress(String name, String address, String quoted, CookieHosts.Page page) {
        if (page == null || !page.ipAddress() || !CookieHosts.sameIpAddress(page.host(), address)) {
            Refusals.fail(
                    CookieRule.DOMAIN_IP_ADDRESS,
                    name,
                    Refusals.subject(name) + " sets domain " + quoted
                            + ", an IP address"
                            + (page == null ? "" : ", on a page whose host is " + CookieText.quote(page.host())),
                    REMOVE_DOMAIN);
        }
    }

    private static String decapitalize(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
