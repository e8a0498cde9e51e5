package dev.browserstorage.cookie;

import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.codec.Utf8;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, before anything is sent, whether a browser would store a cookie as written. Browsers
 * drop an invalid cookie without telling anyone ({@code document.cookie}, {@code Set-Cookie}) or
 * reject the whole {@code cookieStore.set()} call; these checks refuse it up front with an {@link
 * InvalidCookieException} that names the broken {@link CookieRule}, quotes the offending value and
 * says how to fix it.
 *
 * <p>The rules come from RFC 6265bis and its successor draft "layered cookies" (storage model,
 * {@code __Secure-}/{@code __Host-}/{@code __Http-}/{@code __Host-Http-} prefixes, the 4096- and
 * 1024-byte limits) and from the Cookie Store API ("set a cookie": no leading dot in a domain, no
 * nameless cookie with {@code =} in its value, not both expires and max-age). Where a browser
 * would silently strip whitespace from a name or value, the cookie is refused too, so that what the
 * server believes it wrote is what the browser holds. A lifetime over 400 days is not refused:
 * browsers accept it and shorten it to 400 days, and {@link #capLifetime} shortens it the same way
 * before a write is sent, so that the server's record of the cookie agrees with the browser's.
 *
 * <p>When a cookie breaks several rules, the first in {@link CookieRule}'s declaration order is
 * reported: name and value characters, {@code =} in the name, surrounding whitespace, nameless
 * cookies, size; then path and domain (length, characters, path, leading dot, IP address, syntax,
 * public suffix, domain match); then prefixes, {@code SameSite=None} and {@code Partitioned}
 * needing Secure, expires with max-age; and last, a Secure cookie from an insecure page.
 *
 * <p>Stateless and thread-safe.
 */
public final class CookieRules {
    /** The most bytes (UTF-8) a cookie's name and value may hold together. */
    public static final int MAX_NAME_VALUE_BYTES = 4096;
    /** The most bytes (UTF-8) a cookie's path or domain may hold. */
    public static final int MAX_ATTRIBUTE_BYTES = 1024;
    /** The longest lifetime browsers keep a cookie; {@link #capLifetime} shortens longer ones to it, as browsers do. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(400);

    /** Checked longest first: {@code __Host-Http-} is also a {@code __Host-} name. */
    private static final List<String> PREFIXES = List.of("__Host-Http-", "__Host-", "__Http-", "__Secure-");

    private CookieRules() {}

    /**
     * Checks that a browser showing {@code pageUrl} would store this cookie as written. The lifetime
     * is not judged: pass the options through {@link #capLifetime} first, as every write does.
     *
     * @param name the cookie name (may be empty)
     * @param value the cookie value, exactly as it will be stored (may be empty)
     * @param options the cookie's attributes
     * @param pageUrl the URL of the page the cookie is set from (its host and scheme matter)
     * @throws InvalidCookieException if the browser would refuse or alter the cookie; {@link
     *     InvalidCookieException#rule()} names the first broken rule
     * @throws IllegalArgumentException if {@code pageUrl} has no host
     */
    public static void check(String name, String value, CookieOptions options, URI pageUrl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(pageUrl, "pageUrl");
        CookieHosts.Page page = CookieHosts.Page.of(pageUrl);
        checkNameAndValue(name, value);
        checkAttributes(name, options, page);
        if (options.secure() && !page.secureContext()) {
            fail(
                    CookieRule.SECURE_ON_INSECURE_ORIGIN,
                    name,
                    subject(name) + " is Secure but the page " + CookieText.quote(pageUrl.toString())
                            + " is not served over HTTPS",
                    "Serve the page over HTTPS (or from localhost while developing), or make the cookie"
                            + " not Secure.");
        }
    }

    /**
     * Checks the rules that need neither a value nor a page: the name's characters and prefix, the
     * path, the domain's syntax (leading dot, IP address, public suffix), the attributes' sizes,
     * {@code SameSite=None} and {@code Partitioned} needing Secure, and expires with max-age. The
     * annotation processor runs it on constant attributes, so its messages read as compile errors.
     *
     * <p>Without a page, a domain that is an IP address or a public suffix is refused outright: it
     * would only work on a page served from exactly that host, where leaving the domain out has the
     * same effect.
     *
     * @param name the cookie name
     * @param options the cookie's attributes
     * @throws InvalidCookieException if every browser would refuse or alter such a cookie
     */
    public static void checkDeclaration(String name, CookieOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        checkName(name);
        int nameBytes = Utf8.length(name);
        if (nameBytes > MAX_NAME_VALUE_BYTES) {
            fail(
                    CookieRule.NAME_VALUE_TOO_LONG,
                    name,
                    "Cookie name " + CookieText.quote(name) + " is " + nameBytes + " bytes in UTF-8 on its own, over "
                            + MAX_NAME_VALUE_BYTES,
                    "Shorten the name.");
        }
        checkAttributes(name, options, null);
    }

    /**
     * The options with the lifetime a browser gives the cookie (RFC 6265bis "Storage Model", the
     * Cookie Store API): a {@code maxAge} over {@link #MAX_LIFETIME} becomes {@link #MAX_LIFETIME},
     * and an {@code expires} more than {@link #MAX_LIFETIME} after {@code now} becomes {@code now}
     * plus {@link #MAX_LIFETIME}. Browsers shorten such a lifetime without telling anyone; every
     * write applies this before it sends the cookie, so that what the server sends, remembers and
     * reports is what the browser keeps. Shorter lifetimes, deletions (zero, negative, past) and
     * session cookies are left as they are.
     *
     * @param options the cookie's attributes
     * @param now the time the cookie is written, from which {@code expires} is measured
     * @return {@code options} itself if its lifetime is within the cap, else a copy with the capped
     *     lifetime
     */
    public static CookieOptions capLifetime(CookieOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");
        boolean maxAgeTooLong = options.maxAge()
                .filter(maxAge -> maxAge.compareTo(MAX_LIFETIME) > 0)
                .isPresent();
        Instant latest = now.plus(MAX_LIFETIME);
        boolean expiresTooLate =
                options.expires().filter(expires -> expires.isAfter(latest)).isPresent();
        if (!maxAgeTooLong && !expiresTooLate) {
            return options;
        }
        CookieOptions.Builder capped = options.toBuilder();
        if (maxAgeTooLong) {
            capped.maxAge(MAX_LIFETIME);
        }
        if (expiresTooLate) {
            capped.expires(latest);
        }
        return capped.build();
    }

    /**
     * Checks the rules on the name and value alone: their characters, surrounding whitespace, the
     * nameless-cookie rules and the 4096-byte limit. For a value written where the page is not known
     * yet; {@link #check(String, String, CookieOptions, URI)} includes these rules.
     *
     * @param name the cookie name (may be empty)
     * @param value the cookie value, exactly as it will be stored (may be empty)
     * @throws InvalidCookieException if the browser would refuse or alter the cookie
     */
    public static void checkValue(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkNameAndValue(name, value);
    }

    /**
     * Counts the bytes that count against {@link #MAX_NAME_VALUE_BYTES}: the name and value in UTF-8.
     * An unpaired surrogate counts as the 3-byte U+FFFD the browser would turn it into.
     *
     * @param name the cookie name
     * @param value the cookie value
     * @return the number of bytes
     */
    public static int nameValueBytes(String name, String value) {
        return Utf8.length(name) + Utf8.length(value);
    }

    private static void checkName(String name) {
        checkNameCharacters(name);
        int equals = name.indexOf('=');
        if (equals >= 0) {
            fail(
                    CookieRule.NAME_CONTAINS_EQUALS,
                    name,
                    "Cookie name " + CookieText.quote(name) + " contains '=' at index " + equals,
                    "Remove it, or encode the name.");
        }
        checkWhitespace(name, name, "Cookie name " + CookieText.quote(name), "Remove the surrounding whitespace.");
    }

    private static void checkNameCharacters(String name) {
        checkCharacters(
                CookieRule.NAME_CHARACTERS,
                name,
                name,
                "Cookie name " + CookieText.quote(name),
                "Remove it, or encode the name (for example with percent-encoding).");
    }

    private static void checkNameAndValue(String name, String value) {
        // Values are described, never quoted: a cookie value is often a secret (a session id), and
        // these messages end up in logs.
        String valueSubject = "The value (" + value.length() + " characters) of " + lowerCaseSubject(name);
        checkNameCharacters(name);
        checkCharacters(
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
        int bytes = nameValueBytes(name, value);
        if (bytes > MAX_NAME_VALUE_BYTES) {
            fail(
                    CookieRule.NAME_VALUE_TOO_LONG,
                    name,
                    subject(name) + " has a name and value of " + bytes
                            + " bytes in UTF-8 (name " + Utf8.length(name) + ", value "
                            + Utf8.length(value) + "), over " + MAX_NAME_VALUE_BYTES,
                    "Store less in the cookie, or keep large data in localStorage.");
        }
    }

    private static void checkNameless(String value) {
        String fix = "Give the cookie a name.";
        if (value.isEmpty()) {
            fail(CookieRule.EMPTY_NAME_AND_VALUE, "", "The cookie has an empty name and an empty value", fix);
        }
        if (value.indexOf('=') >= 0) {
            fail(
                    CookieRule.NAMELESS_VALUE_CONTAINS_EQUALS,
                    "",
                    "The cookie has an empty name and a value of " + value.length() + " characters with '=' at index "
                            + value.indexOf('='),
                    fix);
        }
        for (String prefix : PREFIXES) {
            if (CookieText.startsWithIgnoreCase(value, prefix)) {
                fail(
                        CookieRule.NAMELESS_VALUE_HAS_PREFIX,
                        "",
                        "The cookie has an empty name and a value that" + " starts with the prefix " + prefix,
                        fix);
            }
        }
    }

    private static void checkCharacters(CookieRule rule, String name, String text, String subject, String fix) {
        int index = CookieText.indexOfForbidden(text);
        if (index >= 0) {
            fail(
                    rule,
                    name,
                    subject + " contains " + CookieText.describeCharacter(text, index) + " at index " + index,
                    fix);
        }
    }

    private static void checkWhitespace(String name, String text, String subject, String fix) {
        if (CookieText.hasSurroundingWhitespace(text)) {
            char first = text.charAt(0);
            boolean starts = first == ' ' || first == '\t';
            char offending = starts ? first : text.charAt(text.length() - 1);
            fail(
                    CookieRule.LEADING_OR_TRAILING_WHITESPACE,
                    name,
                    subject + (starts ? " starts" : " ends") + " with " + (offending == ' ' ? "a space" : "a TAB"),
                    fix);
        }
    }

    /** Path, domain, prefixes, SameSite, Partitioned, expires with max-age; {@code page} null for declarations. */
    private static void checkAttributes(String name, CookieOptions options, CookieHosts.Page page) {
        String path = options.path();
        Optional<String> domain = options.domain();
        checkAttributeLength(name, "path", path);
        domain.ifPresent(d -> checkAttributeLength(name, "domain", d));
        String fix = "Remove it, or percent-encode it.";
        checkCharacters(
                CookieRule.ATTRIBUTE_CHARACTERS,
                name,
                path,
                subject(name) + " has path " + CookieText.quote(path),
                fix);
        domain.ifPresent(d -> checkCharacters(
                CookieRule.ATTRIBUTE_CHARACTERS,
                name,
                d,
                subject(name) + " has domain " + CookieText.quote(d),
                "Remove it."));
        if (!path.startsWith("/")) {
            fail(
                    CookieRule.PATH_NOT_ABSOLUTE,
                    name,
                    subject(name) + " has path " + CookieText.quote(path) + ", which does not start with '/'",
                    "Write " + CookieText.quote("/" + path) + (path.isEmpty() ? " for the whole site." : "."));
        }
        domain.ifPresent(d -> checkDomain(name, d, page));
        checkPrefix(name, options);
        if (options.sameSite() == SameSite.NONE && !options.secure()) {
            fail(
                    CookieRule.SAMESITE_NONE_REQUIRES_SECURE,
                    name,
                    subject(name) + " sets SameSite=None but is not Secure",
                    "Make it Secure, or use SameSite=Lax.");
        }
        if (options.partitioned() && !options.secure()) {
            fail(
                    CookieRule.PARTITIONED_REQUIRES_SECURE,
                    name,
                    subject(name) + " is Partitioned but not Secure",
                    "Make it Secure, or drop Partitioned.");
        }
        if (options.maxAge().isPresent() && options.expires().isPresent()) {
            fail(
                    CookieRule.EXPIRES_AND_MAX_AGE,
                    name,
                    subject(name) + " sets both maxAge "
                            + describe(options.maxAge().get()) + " and expires "
                            + options.expires().get(),
                    "Keep only one of them.");
        }
    }

    private static void checkAttributeLength(String name, String attribute, String text) {
        int bytes = Utf8.length(text);
        if (bytes > MAX_ATTRIBUTE_BYTES) {
            fail(
                    CookieRule.ATTRIBUTE_TOO_LONG,
                    name,
                    subject(name) + " has a " + attribute + " of " + bytes + " bytes in UTF-8, over "
                            + MAX_ATTRIBUTE_BYTES + ": " + CookieText.quote(text),
                    "Shorten the " + attribute + ".");
        }
    }

    private static void checkDomain(String name, String domain, CookieHosts.Page page) {
        String quoted = CookieText.quote(domain);
        String removeDomain = "Remove the domain: the cookie is then sent to the page's own host only.";
        if (domain.startsWith(".")) {
            fail(
                    CookieRule.DOMAIN_LEADING_DOT,
                    name,
                    subject(name) + " sets domain " + quoted + ", which starts with '.'",
                    "Write " + CookieText.quote(domain.replaceFirst("^\\.+", "")) + ".");
        }
        String unbracketed = CookieHosts.unbracket(domain);
        if (CookieHosts.isIpAddress(unbracketed)) {
            if (page == null || !page.ipAddress() || !CookieHosts.sameIpAddress(page.host(), unbracketed)) {
                fail(
                        CookieRule.DOMAIN_IP_ADDRESS,
                        name,
                        subject(name) + " sets domain " + quoted
                                + ", an IP address"
                                + (page == null ? "" : ", on a page whose host is " + CookieText.quote(page.host())),
                        removeDomain);
            }
            return;
        }
        Optional<String> canonical = CookieHosts.toAsciiLowerCase(domain);
        Optional<String> problem = canonical.isEmpty()
                ? Optional.of("it is not a valid internationalized domain name")
                : CookieHosts.syntaxProblem(canonical.get());
        if (problem.isPresent()) {
            fail(
                    CookieRule.DOMAIN_SYNTAX,
                    name,
                    subject(name) + " sets domain " + quoted + ", but " + problem.get(),
                    "Correct the domain, or " + decapitalize(removeDomain));
        }
        String ascii = canonical.get();
        if (CookieHosts.isPublicSuffix(ascii) && (page == null || !page.host().equals(ascii))) {
            fail(
                    CookieRule.DOMAIN_PUBLIC_SUFFIX,
                    name,
                    subject(name) + " sets domain " + quoted + ", which is a public suffix",
                    "Use your site's own domain (such as example." + ascii.replaceFirst("\\.$", "") + "), or "
                            + decapitalize(removeDomain));
        }
        if (page != null && !CookieHosts.domainMatches(page, ascii)) {
            String host = page.ipAddress()
                    ? "the IP address " + CookieText.quote(page.host()) + ", which only matches itself"
                    : CookieText.quote(page.host()) + ", which is neither that domain nor under it";
            fail(
                    CookieRule.DOMAIN_MISMATCH,
                    name,
                    subject(name) + " sets domain " + quoted + " but the page's host is " + host,
                    "Use the page's host or a parent domain of it, or " + decapitalize(removeDomain));
        }
    }

    private static void checkPrefix(String name, CookieOptions options) {
        Optional<String> prefix = PREFIXES.stream()
                .filter(candidate -> CookieText.startsWithIgnoreCase(name, candidate))
                .findFirst();
        if (prefix.isEmpty()) {
            return;
        }
        boolean hostRules = prefix.get().startsWith("__Host-");
        boolean httpRules = prefix.get().endsWith("Http-");
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
        if (problems.isEmpty()) {
            return;
        }
        CookieRule rule = switch (prefix.get()) {
            case "__Host-Http-" -> CookieRule.HOST_HTTP_PREFIX;
            case "__Host-" -> CookieRule.HOST_PREFIX;
            case "__Http-" -> CookieRule.HTTP_PREFIX;
            default -> CookieRule.SECURE_PREFIX;
        };
        fail(
                rule,
                name,
                subject(name) + " uses the " + prefix.get() + " prefix but " + joinWithAnd(problems),
                capitalize(joinWithAnd(fixes)) + ", or drop the prefix.");
    }

    private static void fail(CookieRule rule, String name, String problem, String fix) {
        throw new InvalidCookieException(rule, name, problem + ": " + rule.description() + ". " + fix);
    }

    private static String subject(String name) {
        return name.isEmpty() ? "The cookie with an empty name" : "Cookie " + CookieText.quote(name);
    }

    private static String lowerCaseSubject(String name) {
        return name.isEmpty() ? "the cookie with an empty name" : "cookie " + CookieText.quote(name);
    }

    /** A lifetime of a day or more in seconds with the days spelled out: "34560001 s (400 days + 1 s)". */
    private static String describe(Duration duration) {
        if (duration.isNegative()) {
            return duration.toString();
        }
        long seconds = duration.getSeconds();
        if (seconds < 86_400) {
            return duration.toString();
        }
        long days = seconds / 86_400;
        long rest = seconds % 86_400;
        String nanos = duration.getNano() == 0 ? "" : " + " + duration.getNano() + " ns";
        return seconds + " s (" + days + " days" + (rest == 0 ? "" : " + " + rest + " s") + nanos + ")";
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

    private static String decapitalize(String text) {
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
