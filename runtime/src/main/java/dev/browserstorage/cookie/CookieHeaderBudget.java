package dev.browserstorage.cookie;

import dev.browserstorage.codec.Utf8;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Keeps the {@code Cookie} request header a browser would send under the server's limit. A browser
 * sends all of a site's cookies with every request; once they pass the server's request-header
 * limit ({@code quarkus.http.limits.max-header-size}, 20 KiB by default, which also covers the
 * other headers), every later request is refused with 431 and the site stays broken for that user
 * until they clear their cookies. A write that would get there is refused first.
 *
 * <p>The count is {@code name=value} of every cookie, joined by {@code "; "}, in UTF-8 bytes, as the
 * header is sent. It counts every cookie known, whatever its path or domain, so it errs on the side
 * of refusing.
 *
 * @param maxBytes the most bytes the {@code Cookie} header may take
 */
public record CookieHeaderBudget(int maxBytes) {
    /** Room left for the other request headers (user agent, accept, referer...) under the limit. */
    public static final int OTHER_HEADERS_BYTES = 4096;
    /** Quarkus' default {@code quarkus.http.limits.max-header-size}: 20 KiB. */
    public static final int DEFAULT_MAX_HEADER_SIZE = 20 * 1024;

    /** Checks that the budget is positive. */
    public CookieHeaderBudget {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("The cookie header budget must be positive, was " + maxBytes);
        }
    }

    /**
     * The budget under a server's request-header limit, leaving {@link #OTHER_HEADERS_BYTES} for the
     * other headers.
     *
     * @param maxHeaderSize the server's limit on all request headers together, in bytes
     * @return the budget
     */
    public static CookieHeaderBudget under(long maxHeaderSize) {
        long budget = maxHeaderSize - OTHER_HEADERS_BYTES;
        return new CookieHeaderBudget((int) Math.max(1, Math.min(Integer.MAX_VALUE, budget)));
    }

    /**
     * The budget under Quarkus' default limit of 20 KiB: 16 KiB of cookies.
     *
     * @return the budget
     */
    public static CookieHeaderBudget defaults() {
        return under(DEFAULT_MAX_HEADER_SIZE);
    }

    /**
     * The size of the {@code Cookie} header for some cookies: {@code name=value} pairs joined by
     * {@code "; "}, in UTF-8 bytes.
     *
     * @param cookies names to values
     * @return the bytes
     */
    public static long headerBytes(Map<String, String> cookies) {
        long bytes = 0;
        for (Map.Entry<String, String> cookie : cookies.entrySet()) {
            bytes += (bytes == 0 ? 0 : 2) + Utf8.length(cookie.getKey()) + 1 + Utf8.length(cookie.getValue());
        }
        return bytes;
    }

    /**
     * Checks that setting one cookie keeps the header within the budget. Deleting never passes it.
     *
     * @param current the cookies the browser holds now, names to values
     * @param name the cookie being set
     * @param value its new value, or {@code null} for a deletion
     * @throws InvalidCookieException ({@link CookieRule#REQUEST_HEADER_TOO_LARGE}) if it would not fit
     */
    public void check(Map<String, String> current, String name, String value) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(name, "name");
        if (value == null) {
            return;
        }
        Map<String, String> after = new TreeMap<>(current);
        after.put(name, value);
        long bytes = headerBytes(after);
        if (bytes > maxBytes) {
            String subject = name.isEmpty() ? "the cookie with an empty name" : "cookie " + CookieText.quote(name);
            throw new InvalidCookieException(
                    CookieRule.REQUEST_HEADER_TOO_LARGE,
                    name,
                    "Setting " + subject
                            + " would make the Cookie header of this browser's requests " + bytes + " bytes ("
                            + after.size()
                            + " cookies), over the budget of " + maxBytes + " bytes: "
                            + CookieRule.REQUEST_HEADER_TOO_LARGE.description()
                            + ". Delete cookies the site no longer needs, keep large data in localStorage, or raise"
                            + " quarkus.http.limits.max-header-size.");
        }
    }
}
