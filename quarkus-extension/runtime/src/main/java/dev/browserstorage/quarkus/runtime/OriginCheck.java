package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Checks the handshake of every WebSocket that resolves a browser before the upgrade: the sync
 * socket, and the application's own endpoints that inject stores or the untyped APIs ({@link
 * BrowserSockets}).
 *
 * <p>It refuses a handshake whose {@code Origin} is neither the server's own nor an allowed one:
 * without it, any site the user visits could open the socket with the user's cookies (cross-site
 * WebSocket hijacking). A handshake without {@code Origin} comes from a non-browser client, which
 * cannot carry a victim's cookies, and is let through.
 *
 * <p>It also settles the browser: the one the id cookie names if this server issued it, or a fresh
 * one sent back as {@code Set-Cookie} on the 101 response ({@link BrowserIds}). A page served from
 * the browser's cache reaches the server first through this handshake, and its later HTTP requests
 * must carry the same id.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {
    private static final Logger LOG = Logger.getLogger(OriginCheck.class);

    @Inject
    BrowserStorageConfig config;

    @Inject
    BrowserIds ids;

    @Inject
    BrowserRegistry registry;

    @Inject
    BrowserSockets sockets;

    @Override
    public boolean appliesTo(String endpointId) {
        return SyncEndpoint.ENDPOINT_ID.equals(endpointId) || sockets.checked(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        // isSSL() and host() are the forwarded ones where Quarkus trusts a proxy's headers.
        if (origin != null && !isAllowed(origin, request.isSSL(), request.host())) {
            LOG.debugf("Refused a handshake of endpoint %s from origin %s", context.endpointId(), origin);
            return CheckResult.rejectUpgrade(403);
        }
        boolean secure = request.isSSL();
        BrowserIds.Settled browser =
                ids.settle(request.headers().getAll(HttpHeaders.COOKIE), secure, registry::isRetired);
        Map<String, List<String>> headers = Map.of();
        if (browser.fresh()) {
            headers = Map.of(HttpHeaders.SET_COOKIE.toString(), List.of(ids.setCookie(browser.credential(), secure)));
        }
        context.userData().put(BrowserIds.USER_DATA_KEY, browser.id());
        context.userData().put(BrowserIds.FRESH_USER_DATA_KEY, browser.fresh());
        if (origin != null) {
            context.userData().put(BrowserIds.ORIGIN_USER_DATA_KEY, origin);
        }
        if (request.remoteAddress() != null && request.remoteAddress().hostAddress() != null) {
            context.userData()
                    .put(
                            BrowserIds.ADDRESS_USER_DATA_KEY,
                            request.remoteAddress().hostAddress());
        }
        return CheckResult.permitUpgrade(headers);
    }

    /**
     * Whether a page of an origin may open a socket that resolves a browser.
     *
     * @param origin the handshake's {@code Origin}
     * @param secure whether the handshake is secure (directly or as a trusted proxy forwarded it)
     * @param host the handshake's {@code Host}
     * @return true for the server's own origin and the allowed ones
     */
    boolean isAllowed(String origin, boolean secure, String host) {
        if (host != null
                && origin.toLowerCase(Locale.ROOT)
                        .equals((secure ? "https://" : "http://") + host.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return config.allowedOrigins().orElse(List.of()).stream().anyMatch(origin::equalsIgnoreCase);
    }
}
