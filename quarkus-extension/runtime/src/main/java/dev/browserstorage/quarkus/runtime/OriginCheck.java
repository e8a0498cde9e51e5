package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Checks a sync handshake before the upgrade.
 *
 * <p>It refuses a handshake whose {@code Origin} is neither the server's own nor an allowed one:
 * without it, any site the user visits could open the socket with the user's cookies (cross-site
 * WebSocket hijacking). A handshake without {@code Origin} comes from a non-browser client, which
 * cannot carry a victim's cookies, and is let through.
 *
 * <p>It also settles the browser's id: the one in the {@code __bs_id} cookie, or a new one sent back
 * as {@code Set-Cookie} on the 101 response. A page served from the browser's cache reaches the
 * server first through this handshake, and its later HTTP requests must carry the same id.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {
    private static final Logger LOG = Logger.getLogger(OriginCheck.class);

    @Inject
    BrowserStorageConfig config;

    @Override
    public boolean appliesTo(String endpointId) {
        return SyncEndpoint.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin == null || isAllowed(origin, request)) {
            String name = config.browserIdCookie();
            String id = BrowserIds.fromCookieHeader(request.getHeader("Cookie"), name);
            Map<String, List<String>> headers = Map.of();
            if (id == null) {
                id = BrowserIds.newId();
                Cookie cookie = Cookie.cookie(name, id).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
                        .setSecure(request.isSSL());
                headers = Map.of("Set-Cookie", List.of(cookie.encode()));
            }
            context.userData().put(BrowserIds.USER_DATA_KEY, id);
            return CheckResult.permitUpgrade(headers);
        }
        LOG.debugf("Refused a sync handshake from origin %s", origin);
        return CheckResult.rejectUpgrade(403);
    }

    private boolean isAllowed(String origin, HttpServerRequest request) {
        String host = request.getHeader("Host");
        String own = (request.isSSL() ? "https://" : "http://") + host;
        if (host != null && origin.equalsIgnoreCase(own)) {
            return true;
        }
        List<String> allowed = config.allowedOrigins().orElse(List.of());
        return allowed.stream().anyMatch(origin::equalsIgnoreCase);
    }
}
