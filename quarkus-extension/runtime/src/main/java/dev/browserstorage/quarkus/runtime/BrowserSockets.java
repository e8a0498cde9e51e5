package dev.browserstorage.quarkus.runtime;

import java.util.Set;

/**
 * The application's own WebSocket endpoints that resolve a browser, as the build found them: those
 * whose handshake the {@link OriginCheck} checks, and those the application opted out with {@code
 * @AllowCrossOrigin}, whose browser is resolved whatever the page's origin.
 *
 * @param checked the endpoint ids whose handshake is checked
 * @param crossOrigin the endpoint ids opted out of the check
 */
public record BrowserSockets(Set<String> checked, Set<String> crossOrigin) {
    /**
     * @param endpointId an endpoint's id
     * @return whether its handshake is checked
     */
    public boolean checked(String endpointId) {
        return checked.contains(endpointId);
    }

    /**
     * @param endpointId an endpoint's id
     * @return whether the application let pages of any origin use it with the browser's identity
     */
    public boolean crossOrigin(String endpointId) {
        return crossOrigin.contains(endpointId);
    }
}
