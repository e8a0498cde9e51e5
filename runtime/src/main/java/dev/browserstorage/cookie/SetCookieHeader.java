package dev.browserstorage.cookie;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Renders the value of a {@code Set-Cookie} response header, for cookies the server sets over HTTP
 * (the only way to set an HttpOnly cookie). Attributes always come in the same order: {@code Path},
 * {@code Domain}, {@code Max-Age}, {@code Expires}, {@code Secure}, {@code HttpOnly}, {@code
 * SameSite}, {@code Partitioned}.
 *
 * <p>Nothing is checked here: run {@link CookieRules#check} first, since a browser silently drops a
 * header it considers invalid. The name and value are written as given; a non-ASCII value needs a
 * server that writes header bytes as UTF-8, so encode such values beforehand if in doubt.
 */
public final class SetCookieHeader {
    /**
     * IMF-fixdate (RFC 9110 §5.6.7), "Sun, 06 Nov 1994 08:49:37 GMT". Not {@link
     * DateTimeFormatter#RFC_1123_DATE_TIME}, which writes a one-digit day ("6 Nov") that IMF-fixdate
     * does not allow.
     */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** An empty name with an empty value is ignored by browsers, so a nameless deletion needs some value. */
    private static final String NAMELESS_DELETION_VALUE = "deleted";

    private SetCookieHeader() {}

    /**
     * Renders {@code name=value} followed by the attributes of {@code options}. The browser stores the
     * cookie if {@link CookieRules#check} accepts it.
     *
     * @param name the cookie name
     * @param value the cookie value
     * @param options the attributes
     * @return the header value, for example {@code "lang=en; Path=/; Max-Age=2592000; Secure;
     *     SameSite=Lax"}
     */
    public static String format(String name, String value, CookieOptions options) {
        StringBuilder header = new StringBuilder(name.length() + value.length() + 64)
                .append(name)
                .append('=')
                .append(value);
        appendScope(header, options);
        options.maxAge().ifPresent(maxAge -> header.append("; Max-Age=").append(maxAgeSeconds(maxAge)));
        options.expires().ifPresent(expires -> header.append("; Expires=").append(IMF_FIXDATE.format(expires)));
        appendFlags(header, options);
        return header.toString();
    }

    /**
     * Renders a header that makes the browser delete the cookie: an empty value, {@code Max-Age=0} and
     * an {@code Expires} in the past. The browser only replaces a cookie with the same name, path and
     * domain, and only accepts the replacement if it passes the same rules (a {@code __Host-} or
     * {@code SameSite=None} cookie must stay Secure, a partitioned one Partitioned), so pass the
     * options the cookie was set with; their lifetime is ignored.
     *
     * @param name the cookie name
     * @param options the attributes the cookie was set with
     * @return the header value, for example {@code "lang=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970
     *     00:00:00 GMT; Secure; SameSite=Lax"}
     */
    public static String formatDeletion(String name, CookieOptions options) {
        StringBuilder header = new StringBuilder(name.length() + 96)
                .append(name)
                .append('=')
                .append(name.isEmpty() ? NAMELESS_DELETION_VALUE : "");
        appendScope(header, options);
        header.append("; Max-Age=0; Expires=").append(IMF_FIXDATE.format(Instant.EPOCH));
        appendFlags(header, options);
        return header.toString();
    }

    private static void appendScope(StringBuilder header, CookieOptions options) {
        header.append("; Path=").append(options.path());
        // Browsers ignore a non-ASCII Domain attribute in a header, so IDNs go out in punycode.
        options.domain()
                .ifPresent(domain -> header.append("; Domain=")
                        .append(CookieHosts.toAsciiLowerCase(domain).orElse(domain)));
    }

    private static void appendFlags(StringBuilder header, CookieOptions options) {
        if (options.secure()) {
            header.append("; Secure");
        }
        if (options.httpOnly()) {
            header.append("; HttpOnly");
        }
        header.append("; SameSite=").append(options.sameSite().attributeValue());
        if (options.partitioned()) {
            header.append("; Partitioned");
        }
    }

    /**
     * Whole seconds, rounded up when positive: a lifetime under a second must not become {@code
     * Max-Age=0}, which deletes the cookie.
     */
    private static long maxAgeSeconds(Duration maxAge) {
        long seconds = maxAge.getSeconds();
        return !maxAge.isNegative() && maxAge.getNano() > 0 ? seconds + 1 : seconds;
    }
}
