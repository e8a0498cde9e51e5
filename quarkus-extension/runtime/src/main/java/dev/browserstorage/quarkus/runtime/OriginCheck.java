package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses a sync handshake whose {@code Origin} is neither the server's own nor an allowed one:
 * without it, any site the user visits could open the socket with the user's cookies
 * (cross-site WebSocket hijacking). A handshake without {@code Origin} comes from a non-browser
 * client, which cannot carry a victim's cookies, and is let through.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {
    private static final Logger LOG = Logger.getLogger(OriginCheck.class);

    @Inject
    BrowserStorageConfig config;

    @Override
    public boolean appliesTo(String endpointId) {
        return SyncEndpoint.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        String origin = request.getHeader("Origin");
        if (origin == null || isAllowed(origin, request)) {
            return CheckResult.permitUpgrade();
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
