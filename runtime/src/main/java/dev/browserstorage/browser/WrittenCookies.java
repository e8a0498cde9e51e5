package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import dev.browserstorage.cookie.CookieWritePolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cookies this server wrote to a browser: every cookie write passes the {@link
 * CookieWritePolicy} here, over the socket or on an HTTP response, and the attributes of what was
 * written are remembered (so that a delete can use the same path and domain, and a reconnect from a
 * page that cannot see a cookie does not read as its deletion). Not thread safe: its {@link
 * Browser} holds the lock.
 */
final class WrittenCookies {
    private final CookieWritePolicy policy;
    private final Clock clock;
    /** The attributes of the cookies this server wrote, by name. */
    private final Map<String, CookieAttributes> attributes = new HashMap<>();

    WrittenCookies(CookieWritePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    CookieWritePolicy policy() {
        return policy;
    }

    /**
     * The writes as they go to a page, each cookie write adjusted and checked by the policy, all of
     * them before any is sent: a refused write throws and nothing is sent. Other writes pass as
     * they are.
     *
     * @param writes the writes, in order
     * @param page the page or request URL, {@code null} if unknown
     * @param cookies the cookies the browser holds, for the header budget (a copy, changed here)
     * @param httpOnlyCarried whether an HttpOnly cookie can reach the browser this way
     * @return the writes with each cookie's options as the browser will hold them
     */
    List<Write> prepare(List<Write> writes, URI page, Map<String, String> cookies, boolean httpOnlyCarried) {
        List<Write> prepared = new ArrayList<>(writes.size());
        for (Write write : writes) {
            if (write.area() != StorageArea.COOKIE) {
                prepared.add(write);
                continue;
            }
            Write adjusted = new Write(
                    StorageArea.COOKIE,
                    write.key(),
                    write.value(),
                    policy.forPage(write.key(), write.cookieOptions(), page));
            policy.check(adjusted.key(), adjusted.value(), adjusted.cookieOptions(), page, httpOnlyCarried);
            policy.checkHeader(cookies, adjusted.key(), adjusted.value());
            prepared.add(adjusted);
        }
        return prepared;
    }

    /** Remembers the attributes of accepted cookie writes; a deletion forgets them. */
    void remember(List<Write> writes) {
        for (Write write : writes) {
            if (write.area() == StorageArea.COOKIE) {
                if (write.isRemoval()) {
                    attributes.remove(write.key());
                } else {
                    attributes.put(write.key(), new CookieAttributes(write.cookieOptions(), clock.instant()));
                }
            }
        }
    }

    Optional<CookieAttributes> attributes(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * A snapshot's cookies with those this server wrote, knows to be live, and the page cannot see:
     * HttpOnly ones, and ones whose path does not cover the page's ({@code document.cookie} shows
     * neither), so a reconnect from another page must not read as their deletion.
     *
     * @param snapshotCookies the cookies the page sees
     * @param known the confirmed cookies
     * @param page the page's URL, {@code null} if unknown
     * @return the cookies the browser holds, as far as the server knows
     */
    Map<String, String> withHidden(Map<String, String> snapshotCookies, Map<String, String> known, URI page) {
        Map<String, String> cookies = new HashMap<>(snapshotCookies);
        Instant now = clock.instant();
        String pagePath =
                page == null || page.getPath() == null || page.getPath().isEmpty() ? "/" : page.getPath();
        attributes.forEach((name, written) -> {
            String value = known.get(name);
            boolean live = written.expiresAt().map(now::isBefore).orElse(true);
            boolean hidden = written.options().httpOnly()
                    || !pathCovers(written.options().path(), pagePath);
            if (hidden && value != null && live) {
                cookies.putIfAbsent(name, value);
            }
        });
        return cookies;
    }

    /** Path-matching (RFC 6265bis §5.1.4): whether a cookie with this path is sent to a page at that one. */
    private static boolean pathCovers(String cookiePath, String pagePath) {
        return pagePath.equals(cookiePath)
                || (pagePath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || pagePath.charAt(cookiePath.length()) == '/'));
    }
}
