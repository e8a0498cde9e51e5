package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protocol.AnswerCredits;
import dev.browserstorage.protocol.MessageRate;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The abuse limits of the sync endpoint: how many connections one browser id and one client address
 * may hold, and how fast each connection may send frames ({@code docs/protocol.md}, close codes 4409
 * and 4429). The answers a connection owes (an {@code ack} or {@code fail} of a batch the server sent
 * it, {@link AnswerCredits}) are not taken from its rate: only what the browser sends unasked is.
 */
@ApplicationScoped
public class ConnectionLimits {
    /** Close code for a connection over {@link BrowserStorageConfig#maxConnectionsPerBrowser()}. */
    static final int CLOSE_TOO_MANY_CONNECTIONS = 4409;
    /** Close code for a connection over {@link BrowserStorageConfig#maxMessagesPerSecond()}. */
    static final int CLOSE_RATE = 4429;

    /** The fewest unanswered batches one side of a connection is credited. */
    static final int MIN_ANSWERS_OWED = 256;

    /** The most: 8 bytes each, per side and connection, and only as many as the server sent. */
    static final int MAX_ANSWERS_OWED = 64 * 1024;

    private final ConcurrentHashMap<String, Integer> perBrowser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Admitted> byConnection = new ConcurrentHashMap<>();

    @Inject
    BrowserStorageConfig config;

    /** What {@link #open} decided. */
    enum Admission {
        /** Counted: the connection may go on. */
        ADMITTED,
        /** The browser already holds {@link BrowserStorageConfig#maxConnectionsPerBrowser()} connections. */
        BROWSER_FULL,
        /** The client address already holds {@link BrowserStorageConfig#maxConnectionsPerAddress()} connections. */
        ADDRESS_FULL
    }

    /**
     * Counts a new connection of a browser from an address.
     *
     * @param connectionId the connection's id
     * @param browserId the browser's id
     * @param address the client's address, {@code null} if unknown
     * @return whether it is admitted; if not, close it
     */
    Admission open(String connectionId, String browserId, String address) {
        if (address != null && !increment(perAddress, address, config.maxConnectionsPerAddress())) {
            return Admission.ADDRESS_FULL;
        }
        if (!increment(perBrowser, browserId, config.maxConnectionsPerBrowser())) {
            if (address != null) {
                decrement(perAddress, address);
            }
            return Admission.BROWSER_FULL;
        }
        byConnection.put(
                connectionId,
                new Admitted(
                        browserId,
                        address,
                        new MessageRate(config.maxMessagesPerSecond(), config.maxMessageBurst(), System::nanoTime),
                        new AnswerCredits(answersOwed(config.maxPendingWrites()))));
        return Admission.ADMITTED;
    }

    /**
     * How many unanswered batches a connection is credited per side: twice the bound on pending
     * writes (a batch is sent again to a connection when another tab's closes), and never fewer
     * than {@link #MIN_ANSWERS_OWED} (a batch may hold no write).
     */
    static int answersOwed(int maxPendingWrites) {
        return (int) Math.min(MAX_ANSWERS_OWED, Math.max(MIN_ANSWERS_OWED, 2L * maxPendingWrites));
    }

    private static boolean increment(ConcurrentHashMap<String, Integer> counts, String key, int bound) {
        boolean[] admitted = new boolean[1];
        counts.compute(key, (ignored, count) -> {
            int open = count == null ? 0 : count;
            admitted[0] = open < bound;
            return admitted[0] ? open + 1 : count;
        });
        return admitted[0];
    }

    private static void decrement(ConcurrentHashMap<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (ignored, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Counts one frame of a connection: an answer it owes spends its credit, any other frame takes
     * a token from its rate.
     *
     * @param connectionId the connection's id
     * @param frame the frame's text
     * @return false if the connection is over its rate (or was never admitted): close it
     */
    boolean frame(String connectionId, String frame) {
        Admitted admitted = byConnection.get(connectionId);
        return admitted != null && (admitted.credits.answered(frame) || admitted.rate.tryAcquire());
    }

    /**
     * The answers a connection owes, which the frames sent to it credit ({@link AnswerCredits#sent}).
     *
     * @param connectionId the connection's id
     * @return its credits, or {@code null} if it was not admitted or is closed
     */
    AnswerCredits credits(String connectionId) {
        Admitted admitted = byConnection.get(connectionId);
        return admitted == null ? null : admitted.credits;
    }

    /**
     * Forgets a closed connection.
     *
     * @param connectionId the connection's id
     */
    void closed(String connectionId) {
        Admitted admitted = byConnection.remove(connectionId);
        if (admitted != null) {
            decrement(perBrowser, admitted.browserId);
            if (admitted.address != null) {
                decrement(perAddress, admitted.address);
            }
        }
    }

    /** @return how many connections a browser holds, for tests */
    int connections(String browserId) {
        return perBrowser.getOrDefault(browserId, 0);
    }

    private record Admitted(String browserId, String address, MessageRate rate, AnswerCredits credits) {}
}
