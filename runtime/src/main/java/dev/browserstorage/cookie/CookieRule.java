package dev.browserstorage.cookie;

/**
 * A rule a browser applies before it stores a cookie. A cookie that breaks one is dropped without an
 * error by {@code document.cookie} and a {@code Set-Cookie} header, rejected by {@code
 * cookieStore.set()}, or (for surrounding whitespace) silently changed; {@link CookieRules} refuses it
 * first and names the rule in {@link dev.browserstorage.cookie.InvalidCookieException#rule()}. A lifetime
 * over 400 days breaks no rule: browsers shorten it, and so does {@link CookieRules#capLifetime}.
 *
 * <p>The constants are declared in the order {@link CookieRules} checks them: when a cookie breaks
 * several rules, the first one declared here is reported. The sources are RFC 6265bis
 * (draft-ietf-httpbis-rfc6265bis, "Storage Model"), its successor draft-ietf-httpbis-layered-cookies
 * ("Parse a Cookie", "Store a Cookie", the {@code __Http-} prefixes) and the Cookie Store API ("set a
 * cookie").
 */
public enum CookieRule {
    /** Control characters (U+0000–U+001F except TAB), DEL (U+007F) and {@code ;} in the name. */
    NAME_CHARACTERS("browsers ignore a cookie whose name contains a control character other than TAB,"
            + " DEL (\\u007F), ';' or an unpaired surrogate"),
    /** Control characters (U+0000–U+001F except TAB), DEL (U+007F) and {@code ;} in the value. */
    VALUE_CHARACTERS("browsers ignore a cookie whose value contains a control character other than TAB,"
            + " DEL (\\u007F), ';' or an unpaired surrogate"),
    /** An {@code =} in the name: the browser would split the name there. */
    NAME_CONTAINS_EQUALS("the browser splits a cookie at its first '=', so a name cannot contain one"),
    /**
     * Spaces or TABs at the start or end of the name or value: browsers strip them, so the cookie
     * would be stored under another name or with another value than the one written. (The Cookie Store
     * API strips them too; this library refuses instead, so that what it reports as written is what
     * the browser holds.)
     */
    LEADING_OR_TRAILING_WHITESPACE("browsers strip spaces and TABs from both ends of a cookie's name"
            + " and value, so the cookie would be stored differently from how it was written"),
    /** Both name and value empty. */
    EMPTY_NAME_AND_VALUE("browsers ignore a cookie whose name and value are both empty"),
    /**
     * An empty name with an {@code =} in the value (Cookie Store API): serialized as {@code value},
     * it would be read back as a cookie named by the part before the {@code =}.
     */
    NAMELESS_VALUE_CONTAINS_EQUALS("a cookie with an empty name is sent as its bare value, so an '='"
            + " in that value would make it read back as a named cookie; cookieStore.set() rejects it"),
    /**
     * An empty name with a value that starts with {@code __Secure-}, {@code __Host-}, {@code __Http-}
     * or {@code __Host-Http-}: it would be sent as if it were a prefixed cookie name.
     */
    NAMELESS_VALUE_HAS_PREFIX("a cookie with an empty name is sent as its bare value, so browsers ignore"
            + " one whose value starts with a cookie prefix (__Secure-, __Host-, __Http-, __Host-Http-)"),
    /** Name and value together longer than {@link CookieRules#MAX_NAME_VALUE_BYTES} in UTF-8. */
    NAME_VALUE_TOO_LONG("browsers ignore a cookie whose name and value together are longer than "
            + CookieRules.MAX_NAME_VALUE_BYTES + " bytes in UTF-8"),
    /**
     * A path or domain longer than {@link CookieRules#MAX_ATTRIBUTE_BYTES} in UTF-8: browsers ignore
     * the attribute (so the cookie lands somewhere else) or reject the cookie.
     */
    ATTRIBUTE_TOO_LONG("browsers ignore a path or domain longer than " + CookieRules.MAX_ATTRIBUTE_BYTES
            + " bytes in UTF-8 (the cookie then gets the default path or becomes host-only), and"
            + " cookieStore.set() rejects it"),
    /** Control characters, DEL or {@code ;} in the path or domain: they would end or break the header. */
    ATTRIBUTE_CHARACTERS("a ';' ends a cookie attribute and browsers ignore a cookie line that contains"
            + " a control character other than TAB or DEL, so a path or domain cannot contain them"),
    /** A path that does not start with {@code /}. */
    PATH_NOT_ABSOLUTE("browsers ignore a path that does not start with '/' (the cookie then gets the"
            + " page's directory as its path), and cookieStore.set() rejects it"),
    /** A domain that starts with {@code .} (Cookie Store API; {@code Set-Cookie} would drop the dot). */
    DOMAIN_LEADING_DOT(
            "cookieStore.set() rejects a domain that starts with '.'; a domain already" + " covers all its subdomains"),
    /**
     * A domain that is an IP address, on a page whose host is not that same address: an IP address
     * has no subdomains, so it only matches itself. {@link CookieRules#checkDeclaration} refuses every
     * IP-address domain, since a declaration cannot know the host.
     */
    DOMAIN_IP_ADDRESS("an IP address has no subdomains, so as a cookie domain it only works on a page"
            + " served from that exact address, where leaving the domain out has the same effect"),
    /** A domain that is not a valid host name (empty, an empty label, or a character hosts forbid). */
    DOMAIN_SYNTAX("a cookie domain must be a valid host name"),
    /**
     * A domain that is a public suffix ({@code com}, {@code co.uk}, {@code github.io}, or any single
     * top-level label) unless it equals the page's host: a site cannot set cookies for everyone under
     * a registry. {@link CookieRules#checkDeclaration} refuses every public suffix.
     */
    DOMAIN_PUBLIC_SUFFIX("browsers refuse a public-suffix domain (such as com, co.uk or github.io),"
            + " because every site under it would receive the cookie"),
    /** A domain that the page's host is neither equal to nor a subdomain of. */
    DOMAIN_MISMATCH("a page can only set cookies for its own host or a parent domain of it"),
    /** A {@code __Secure-} name on a cookie that is not Secure. */
    SECURE_PREFIX("browsers ignore a __Secure- cookie that is not Secure"),
    /** A {@code __Host-} name on a cookie that is not Secure, has a domain, or a path other than {@code /}. */
    HOST_PREFIX("browsers ignore a __Host- cookie unless it is Secure, host-only (no domain) and has" + " path '/'"),
    /** A {@code __Http-} name on a cookie that is not both Secure and HttpOnly. */
    HTTP_PREFIX("browsers ignore a __Http- cookie unless it is Secure and HttpOnly (set by the server"
            + " with Set-Cookie; cookieStore.set() rejects such names)"),
    /** A {@code __Host-Http-} name on a cookie that does not meet both the {@code __Host-} and {@code __Http-} rules. */
    HOST_HTTP_PREFIX("browsers ignore a __Host-Http- cookie unless it is Secure, HttpOnly, host-only"
            + " (no domain) and has path '/'"),
    /** {@code SameSite=None} on a cookie that is not Secure. */
    SAMESITE_NONE_REQUIRES_SECURE("browsers ignore a SameSite=None cookie that is not Secure"),
    /** {@code Partitioned} on a cookie that is not Secure. */
    PARTITIONED_REQUIRES_SECURE("browsers ignore a Partitioned cookie that is not Secure"),
    /**
     * Both max-age and expires (Cookie Store API): {@code Set-Cookie} would silently let max-age win.
     */
    EXPIRES_AND_MAX_AGE("a cookie takes either maxAge or expires; cookieStore.set() rejects both, and"
            + " Set-Cookie silently ignores expires"),
    /**
     * A Secure cookie set from a plain-{@code http} page that is not on a loopback host ({@code
     * localhost}, {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1}, which browsers treat as
     * secure): browsers ignore it.
     */
    SECURE_ON_INSECURE_ORIGIN(
            "browsers ignore a Secure cookie set from a page that is not served over" + " HTTPS (localhost excepted)"),
    /**
     * A name a framework adapter reserved for a cookie of its own ({@link
     * dev.browserstorage.browser.BrowserBuilder#reservedCookieNames}), such as the Quarkus
     * extension's browser-id cookie and the glue's tab cookie. Setting or deleting it would change
     * which browser or tab the server takes the requests for, so the session refuses every write of
     * it, on every road, before any other rule.
     */
    RESERVED_NAME("the name is reserved by browser-storage for its own cookie, which identifies the browser"
            + " or its tab; application code can neither set nor delete it"),
    /**
     * An HttpOnly cookie written where no server response can carry it: script ({@code
     * document.cookie}, {@code cookieStore.set()}) cannot set or delete an HttpOnly cookie, only a
     * {@code Set-Cookie} header can. Inside an HTTP request the cookie goes on the response; over the
     * sync socket the glue fetches a commit URL whose response carries it, where the server offers
     * one.
     */
    HTTP_ONLY_FROM_SCRIPT(
            "script cannot set or delete an HttpOnly cookie; only a Set-Cookie header from" + " the server can"),
    /**
     * The cookies a browser would send with every request to this site would no longer fit in the
     * server's request-header limit ({@code quarkus.http.limits.max-header-size}): every later
     * request would be refused (431) until the user clears the cookies by hand.
     */
    REQUEST_HEADER_TOO_LARGE("the cookies the browser sends with each request would pass the server's"
            + " request-header limit, and every later request of this browser would be refused"),
    /**
     * The browser did not keep a cookie that passed every rule here (a browser policy, a blocked
     * third-party context, an extension). Reported by the glue after the write; never by {@link
     * CookieRules}.
     */
    REFUSED_BY_BROWSER("the browser did not keep the cookie although it breaks no known rule");

    private final String description;

    CookieRule(String description) {
        this.description = description;
    }

    /**
     * What the browser does, in a short clause that fits after a colon in an error message, for
     * example "browsers ignore a SameSite=None cookie that is not Secure".
     *
     * @return the description
     */
    public String description() {
        return description;
    }
}
