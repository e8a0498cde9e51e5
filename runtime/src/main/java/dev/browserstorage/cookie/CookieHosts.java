package dev.browserstorage.cookie;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Host names and IP addresses as browsers compare them for cookie domains. */
final class CookieHosts {
    /** The URL standard's forbidden host code points that the character rules do not already cover. */
    private static final String FORBIDDEN_HOST_CHARACTERS = "\t #%/:<>?@[\\]^|";

    private CookieHosts() {}

    /**
     * The page a cookie is set from, reduced to what the cookie rules need.
     *
     * @param host the host in ASCII lower case (punycode for IDNs), IPv6 without brackets
     * @param ipAddress whether the host is an IP address
     * @param secureContext whether browsers let the page set Secure cookies
     */
    record Page(String host, boolean ipAddress, boolean secureContext) {
        static Page of(URI pageUrl) {
            String rawHost = hostOf(pageUrl);
            if (rawHost == null || rawHost.isEmpty()) {
                throw new IllegalArgumentException(
                        "pageUrl must be an absolute http(s) URL with a host, not '" + pageUrl + "'");
            }
            String unbracketed = unbracket(rawHost);
            boolean ipAddress = isIpAddress(unbracketed);
            String host = ipAddress
                    ? unbracketed
                    : toAsciiLowerCase(unbracketed)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "pageUrl has a host that is not a valid host name: '" + pageUrl + "'"));
            String scheme =
                    pageUrl.getScheme() == null ? "" : pageUrl.getScheme().toLowerCase(Locale.ROOT);
            boolean secureScheme = scheme.equals("https") || scheme.equals("wss");
            return new Page(host, ipAddress, secureScheme || isLoopback(host, ipAddress));
        }
    }

    /**
     * {@link URI#getHost()} is null for hosts it does not parse (IDNs, underscores), so fall back to
     * the authority without user info and port.
     */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null) {
            return uri.getHost();
        }
        String authority = uri.getAuthority();
        if (authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            return close < 0 ? hostAndPort : hostAndPort.substring(0, close + 1);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    /** Browsers treat localhost, its subdomains and loopback addresses as secure (Secure Contexts §3.1). */
    private static boolean isLoopback(String host, boolean ipAddress) {
        if (ipAddress) {
            return InetAddresses.isInetAddress(host)
                    && InetAddresses.forString(host).isLoopbackAddress();
        }
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    /** Removes the brackets around an IPv6 literal. */
    static String unbracket(String host) {
        return host.length() > 1 && host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host;
    }

    /**
     * Whether {@code host} (without brackets) is an IP address, including the IPv4 forms that the URL
     * parser reads as an address because the last label is a number ({@code 127.1}, {@code 0x7f.1}).
     */
    static boolean isIpAddress(String host) {
        if (InetAddresses.isInetAddress(host)) {
            return true;
        }
        String trimmed = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String lastLabel = trimmed.substring(trimmed.lastIndexOf('.') + 1);
        return !lastLabel.isEmpty()
                && (lastLabel.chars().allMatch(c -> c >= '0' && c <= '9') || lastLabel.matches("(?i)0x[0-9a-f]*"));
    }

    /** Whether two IP addresses are the same, comparing parsed addresses ({@code ::1} = {@code 0:0::1}). */
    static boolean sameIpAddress(String first, String second) {
        if (!InetAddresses.isInetAddress(first) || !InetAddresses.isInetAddress(second)) {
            return first.equals(second);
        }
        InetAddress a = InetAddresses.forString(first);
        return a.equals(InetAddresses.forString(second));
    }

    /**
     * The domain as browsers store it: IDN labels in punycode, ASCII lower case.
     *
     * @return the canonical form, or empty if the name cannot be converted (java.net.IDN refuses it)
     */
    static Optional<String> toAsciiLowerCase(String domain) {
        String ascii = domain;
        if (!domain.chars().allMatch(c -> c < 0x80)) {
            try {
                ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException notAHostName) {
                return Optional.empty();
            }
        }
        return Optional.of(ascii.toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code domain} (ASCII, lower case) is not a valid host name, or empty if it is one. Lenient
     * like browsers' URL parser: underscores, label lengths and leading hyphens are not judged.
     */
    static Optional<String> syntaxProblem(String domain) {
        if (domain.isEmpty()) {
            return Optional.of("it is empty");
        }
        for (int i = 0; i < domain.length(); i++) {
            if (FORBIDDEN_HOST_CHARACTERS.indexOf(domain.charAt(i)) >= 0) {
                return Optional.of("it contains " + CookieText.quote(domain.substring(i, i + 1))
                        + ", which no host name may contain");
            }
        }
        String withoutTrailingDot = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (withoutTrailingDot.isEmpty() || withoutTrailingDot.contains("..") || withoutTrailingDot.endsWith(".")) {
            return Optional.of("it has an empty label");
        }
        return Optional.empty();
    }

    /**
     * Whether {@code domain} (ASCII, lower case) is a public suffix: on the Public Suffix List (its
     * ICANN and private sections, via Guava), or a single label, which the list's implicit {@code *}
     * rule makes a suffix ({@code localhost}, an unlisted top-level name).
     */
    static boolean isPublicSuffix(String domain) {
        String withoutTrailingDot = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (withoutTrailingDot.indexOf('.') < 0) {
            return true;
        }
        return InternetDomainName.isValid(withoutTrailingDot)
                && InternetDomainName.from(withoutTrailingDot).isPublicSuffix();
    }

    /**
     * Domain-matching (RFC 6265bis §5.1.3): the host equals the domain, or the host is a name (not an
     * IP address) ending with "." and the domain.
     */
    static boolean domainMatches(Page page, String domain) {
        if (page.ipAddress()) {
            return sameIpAddress(page.host(), domain);
        }
        return page.host().equals(domain) || page.host().endsWith("." + domain);
    }
}
