package dev.browserstorage.cookie;

import dev.browserstorage.annotation.SameSite;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The development allowance for plain-http localhost: cookies are Secure by default, and Chromium
 * and Firefox keep a Secure cookie set from {@code http://localhost} (they count loopback hosts as
 * secure), but Safari drops it. Where a developer opts in, a cookie written to a page served over
 * plain {@code http} from a loopback host ({@code localhost}, {@code *.localhost}, {@code
 * 127.0.0.0/8}, {@code ::1}) loses its Secure flag, so that every browser keeps it.
 *
 * <p>A cookie whose rules need Secure keeps it (a {@code __Secure-}, {@code __Host-} or {@code
 * __Http-} name, {@code SameSite=None}, {@code Partitioned}): without it every browser would drop
 * it. Pages on any other host or over HTTPS are never affected. The Quarkus extension applies this
 * only in dev and test mode, and only when {@code quarkus.browser-storage.insecure-localhost-cookies}
 * is true.
 */
public final class InsecureLocalhost {
    private InsecureLocalhost() {}

    /**
     * The options a cookie is written with on a page, under the allowance.
     *
     * @param name the cookie name
     * @param options the declared options
     * @param pageUrl the page (or request) URL the cookie is written to; {@code null} if unknown
     * @return the options without Secure on a plain-http loopback page where no rule needs it, else
     *     {@code options} as they are
     */
    public static CookieOptions adjust(String name, CookieOptions options, URI pageUrl) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        if (pageUrl == null || !options.secure() || !isPlainHttpLoopback(pageUrl) || needsSecure(name, options)) {
            return options;
        }
        return options.toBuilder().secure(false).build();
    }

    private static boolean isPlainHttpLoopback(URI pageUrl) {
        String scheme = pageUrl.getScheme() == null ? "" : pageUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("ws")) {
            return false;
        }
        try {
            // Plain http, yet a secure context: only loopback hosts are both.
            return CookieHosts.Page.of(pageUrl).secureContext();
        } catch (IllegalArgumentException noHost) {
            return false;
        }
    }

    private static boolean needsSecure(String name, CookieOptions options) {
        return CookieText.startsWithIgnoreCase(name, "__Secure-")
                || CookieText.startsWithIgnoreCase(name, "__Host-")
                || CookieText.startsWithIgnoreCase(name, "__Http-")
                || options.sameSite() == SameSite.NONE
                || options.partitioned();
    }
}
