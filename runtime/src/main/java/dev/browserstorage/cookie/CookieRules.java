package dev.browserstorage.cookie;

import dev.browserstorage.codec.Utf8;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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
 * <p>This class is the entry point and fixes the order the rules run in; the rules themselves live
 * in package-private parts, one kind each: {@code NameValueRules} (characters, {@code =},
 * whitespace, nameless cookies), {@code SizeRules} (the byte limits), {@code AttributeRules} (path
 * and domain characters, the path, what needs Secure), {@code DomainRules}, {@code CookiePrefix}
 * and {@code LifetimeRules} (expires with max-age, the 400-day cap); {@code Refusals} words the
 * exception.
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
        AttributeRules.checkSecureContext(name, options, page, pageUrl.toString());
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
        NameValueRules.checkName(name);
        SizeRules.checkName(name);
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
        return LifetimeRules.cap(options, now);
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

    /** The name and value rules in {@link CookieRule}'s order: characters, {@code =}, whitespace, nameless, size. */
    private static void checkNameAndValue(String name, String value) {
        NameValueRules.checkNameAndValue(name, value);
        SizeRules.checkNameAndValue(name, value);
    }

    /**
     * The attribute rules in {@link CookieRule}'s order: sizes, characters, path, domain, prefix,
     * SameSite and Partitioned needing Secure, expires with max-age.
     *
     * @param page the page the cookie is set from, or {@code null} for a declaration
     */
    private static void checkAttributes(String name, CookieOptions options, CookieHosts.Page page) {
        SizeRules.checkAttributes(name, options);
        AttributeRules.checkCharacters(name, options);
        AttributeRules.checkPath(name, options);
        options.domain().ifPresent(domain -> DomainRules.check(name, domain, page));
        CookiePrefix.check(name, options);
        AttributeRules.checkNeedsSecure(name, options);
        LifetimeRules.checkOneLifetime(name, options);
    }
}
