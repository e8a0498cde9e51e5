package dev.browserstorage.it.redis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The page's sync sockets as Chromium itself saw them, read from its performance log (the DevTools
 * network events ChromeDriver records): each socket's handshake answer, so which node the balancer
 * passed it to ({@code X-Node}, which HAProxy sets on the {@code 101} too), the frames it received,
 * and whether it closed. The page's script cannot see any of this; the browser's network stack can,
 * even while the page's script is busy.
 */
final class ChromiumSockets {
    /** The glue's socket: {@code /_storage/sync}. */
    private static final String SYNC_PATH = "/_storage/sync";

    /** One WebSocket of the page. */
    static final class Socket {
        final String requestId;
        final String url;
        String node;
        final List<String> received = new ArrayList<>();
        boolean closed;

        Socket(String requestId, String url) {
            this.requestId = requestId;
            this.url = url;
        }

        /** @return the node the balancer passed it to, once the handshake was answered */
        Optional<String> node() {
            return Optional.ofNullable(node);
        }

        boolean received(String fragment) {
            return received.stream().anyMatch(frame -> frame.contains(fragment));
        }

        @Override
        public String toString() {
            return requestId + " " + url + " to " + node + (closed ? " (closed)" : "") + ", received " + received;
        }
    }

    private final Map<String, Socket> sockets = new LinkedHashMap<>();

    /** Asks Chromium for the log these reads need. */
    static void enable(ChromeOptions options) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    }

    /** Forgets what was read (ChromeDriver's log is emptied by each read), for a new test. */
    void reset(ChromeDriver driver) {
        driver.manage().logs().get(LogType.PERFORMANCE);
        sockets.clear();
    }

    /**
     * Reads what Chromium logged since the last read.
     *
     * @return the page's sync sockets, oldest first
     */
    List<Socket> read(ChromeDriver driver) {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message;
            try {
                message = Http.JSON.readTree(entry.getMessage()).path("message");
            } catch (IOException e) {
                continue;
            }
            JsonNode params = message.path("params");
            String id = params.path("requestId").asText();
            switch (message.path("method").asText()) {
                case "Network.webSocketCreated" -> {
                    String url = params.path("url").asText();
                    if (url.contains(SYNC_PATH)) {
                        sockets.put(id, new Socket(id, url));
                    }
                }
                case "Network.webSocketHandshakeResponseReceived" -> {
                    Socket socket = sockets.get(id);
                    if (socket != null) {
                        params.path("response").path("headers").properties().forEach(header -> {
                            if (header.getKey().equalsIgnoreCase("X-Node")) {
                                socket.node = header.getValue().asText();
                            }
                        });
                    }
                }
                case "Network.webSocketFrameReceived" -> {
                    Socket socket = sockets.get(id);
                    if (socket != null) {
                        socket.received.add(
                                params.path("response").path("payloadData").asText());
                    }
                }
                case "Network.webSocketClosed" -> {
                    Socket socket = sockets.get(id);
                    if (socket != null) {
                        socket.closed = true;
                    }
                }
                default -> {}
            }
        }
        return List.copyOf(sockets.values());
    }

    /** @return the newest sync socket whose handshake was answered, if any */
    Optional<Socket> newestAnswered(ChromeDriver driver) {
        List<Socket> all = read(driver);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).node != null) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }
}
