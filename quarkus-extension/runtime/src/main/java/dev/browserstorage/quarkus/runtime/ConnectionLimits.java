package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protocol.MessageRate;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The abuse limits of the sync endpoint: how many connections one browser id may hold, and how
 * fast each connection may send frames ({@code docs/protocol.md}, close codes 4409 and 4429).
 */
@ApplicationScoped
public class ConnectionLimits {
    /** Close code for a connection over {@link BrowserStorageConfig#maxConnectionsPerBrowser()}. */
    static final int CLOSE_TOO_MANY_CONNECTIONS = 4409;
    /** Close code for a connection over {@link BrowserStorageConfig#maxMessagesPerSecond()}. */
    static final int CLOSE_RATE = 4429;

    private final ConcurrentHashMap<String, Integer> perBrowser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Admitted> byConnection = new ConcurrentHashMap<>();

    @Inject
    BrowserStorageConfig config;

    /**
     * Counts a new connection of a browser.
     *
     * @param connectionId the connection's id
     * @param browserId the browser's id
     * @return false if the browser already holds as many connections as allowed: close this one
     */
    boolean open(String connectionId, String browserId) {
        boolean[] admitted = new boolean[1];
        perBrowser.compute(browserId, (id, count) -> {
            int open = count == null ? 0 : count;
            admitted[0] = open < config.maxConnectionsPerBrowser();
            return admitted[0] ? open + 1 : count;
        });
        if (admitted[0]) {
            byConnection.put(connectionId, new Admitted(browserId,
                    new MessageRate(config.maxMessagesPerSecond(), config.maxMessageBurst(), System::nanoTime)));
        }
        return admitted[0];
    }

    /**
     * Takes one frame of a connection from its rate.
     *
     * @param connectionId the connection's id
     * @return false if the connection is over its rate (or was never admitted): close it
     */
    boolean frame(String connectionId) {
        Admitted admitted = byConnection.get(connectionId);
        return admitted != null && admitted.rate.tryAcquire();
    }

    /**
     * Forgets a closed connection.
     *
     * @param connectionId the connection's id
     */
    void closed(String connectionId) {
        Admitted admitted = byConnection.remove(connectionId);
        if (admitted != null) {
            perBrowser.computeIfPresent(admitted.browserId, (id, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** @return how many connections a browser holds, for tests */
    int connections(String browserId) {
        return perBrowser.getOrDefault(browserId, 0);
    }

    private record Admitted(String browserId, MessageRate rate) {
    }
}
