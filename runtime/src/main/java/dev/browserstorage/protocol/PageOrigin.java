package dev.browserstorage.protocol;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The origin of a page as browsers compare them: scheme, host and port, the scheme and host in
 * lower case and a default port written out.
 *
 * @param scheme the scheme, lower case
 * @param host the host, lower case (an IPv6 address in its brackets)
 * @param port the port, the scheme's default where the URL names none; -1 for a scheme without one
 */
record PageOrigin(String scheme, String host, int port) {
    /** What an {@code Origin} header that names no origin with a host stands for: no page has it. */
    private static final PageOrigin OPAQUE = new PageOrigin("", "", -1);

    /**
     * The origin of a URL.
     *
     * @param url an absolute URL
     * @return its origin, or {@code null} if it has no scheme or host
     */
    static PageOrigin of(URI url) {
        if (url.getScheme() == null || url.getHost() == null) {
            return null;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() >= 0
                ? url.getPort()
                : switch (scheme) {
                    case "http", "ws" -> 80;
                    case "https", "wss" -> 443;
                    default -> -1;
                };
        return new PageOrigin(scheme, url.getHost().toLowerCase(Locale.ROOT), port);
    }

    /**
     * The origin an {@code Origin} header names.
     *
     * @param header the header's value, such as {@code https://shop.example:8443}
     * @return its origin; for {@code "null"} (an opaque origin, such as a sandboxed page's) or any
     *     other text that is no origin with a host, one that no page has
     */
    static PageOrigin ofHeader(String header) {
        try {
            PageOrigin origin = of(new URI(header.strip()));
            return origin == null ? OPAQUE : origin;
        } catch (URISyntaxException e) {
            return OPAQUE;
        }
    }
}
