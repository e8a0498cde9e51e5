package dev.browserstorage.cookie;

import java.net.URI;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The one policy every cookie write of the server passes, over the sync socket or as a {@code
 * Set-Cookie} header on an HTTP response, before anything is sent:
 *
 * <ol>
 *   <li>{@link #forPage adjust} the declared options to the page: the lifetime capped at 400 days as
 *       browsers cap it, and Secure dropped under the development allowance for plain-http
 *       localhost ({@link InsecureLocalhost}) when it is on;
 *   <li>{@link #check apply the rules}: not one of the framework's own (reserved) cookies, HttpOnly
 *       only where it can be carried, and the {@link CookieRules} against the page;
 *   <li>{@link #checkHeader keep the browser's {@code Cookie} header within its budget}.
 * </ol>
 *
 * Remembering the attributes of what was written is the caller's last step, once every write of
 * the call has passed (the server's copy of a browser keeps them, under its lock). Immutable and
 * thread safe.
 */
public final class CookieWritePolicy {
    private final Clock clock;
    private final CookieHeaderBudget headerBudget;
    private final boolean insecureLocalhost;
    private final SortedSet<String> reservedNames;

    /**
     * @param clock the clock lifetimes are capped from
     * @param headerBudget the budget of the {@code Cookie} header
     * @param insecureLocalhost whether the development allowance for plain-http localhost applies
     * @param reservedNames the names of the framework's own cookies, which no write may touch
     */
    public CookieWritePolicy(
            Clock clock, CookieHeaderBudget headerBudget, boolean insecureLocalhost, Set<String> reservedNames) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.headerBudget = Objects.requireNonNull(headerBudget, "headerBudget");
        this.insecureLocalhost = insecureLocalhost;
        reservedNames.forEach(name -> Objects.requireNonNull(name, "a reserved cookie name"));
        this.reservedNames = Collections.unmodifiableSortedSet(new TreeSet<>(reservedNames));
    }

    /** @return the budget of the {@code Cookie} header the writes are kept within */
    public CookieHeaderBudget headerBudget() {
        return headerBudget;
    }

    /** @return the reserved names, sorted, unmodifiable */
    public SortedSet<String> reservedNames() {
        return reservedNames;
    }

    /** @return whether the development allowance for plain-http localhost applies */
    public boolean insecureLocalhost() {
        return insecureLocalhost;
    }

    /**
     * Step 1: the options a cookie goes to a page with, so that what is checked, sent, remembered
     * and reported back is what the browser will hold.
     *
     * @param name the cookie's name
     * @param declared the options as declared
     * @param page the page or request URL, {@code null} if unknown
     * @return the options the browser will hold
     */
    public CookieOptions forPage(String name, CookieOptions declared, URI page) {
        CookieOptions options = CookieRules.capLifetime(declared, clock.instant());
        return insecureLocalhost ? InsecureLocalhost.adjust(name, options, page) : options;
    }

    /**
     * Step 2: the rules. A reserved name is refused; over the socket, an HttpOnly cookie is refused
     * unless something carries it ({@code httpOnlyCarried}: commit URLs); then the cookie rules
     * against the page (before the page is known, the rules that need none).
     *
     * @param name the cookie's name
     * @param value the value, {@code null} for a deletion
     * @param options the options from {@link #forPage}
     * @param page the page or request URL, {@code null} if unknown
     * @param httpOnlyCarried whether an HttpOnly cookie can reach the browser this way
     * @throws InvalidCookieException if a rule refuses the write
     */
    public void check(String name, String value, CookieOptions options, URI page, boolean httpOnlyCarried) {
        if (reservedNames.contains(name)) {
            throw new InvalidCookieException(
                    CookieRule.RESERVED_NAME,
                    name,
                    "Cookie '" + name + "' is browser-storage's own cookie and cannot be "
                            + (value == null ? "deleted" : "set")
                            + " by the application: " + CookieRule.RESERVED_NAME.description()
                            + ". Give the application's cookie another name; nothing was written.");
        }
        if (options.httpOnly() && !httpOnlyCarried) {
            throw new InvalidCookieException(
                    CookieRule.HTTP_ONLY_FROM_SCRIPT,
                    name,
                    "Cookie '" + name + "' is HttpOnly and is written outside an HTTP request, where only"
                            + " the browser's script could write it: " + CookieRule.HTTP_ONLY_FROM_SCRIPT.description()
                            + ". Write it while handling an HTTP request of the browser, or run on a server that"
                            + " issues commit URLs (the Quarkus extension does).");
        }
        if (value == null) {
            CookieRules.checkDeclaration(name, options);
        } else if (page != null) {
            CookieRules.check(name, value, options, page);
        } else {
            CookieRules.checkDeclaration(name, options);
            CookieRules.checkValue(name, value);
        }
    }

    /**
     * Step 3: the header budget. Checks that the browser's cookies with this write still fit its
     * {@code Cookie} header, then applies the write to {@code cookies}, so that the next write of
     * the same call is counted with it.
     *
     * @param cookies the cookies the browser holds, name to value, updated in place
     * @param name the cookie's name
     * @param value the value, {@code null} for a deletion
     * @throws InvalidCookieException if the header would pass its budget
     */
    public void checkHeader(Map<String, String> cookies, String name, String value) {
        headerBudget.check(cookies, name, value);
        if (value == null) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
