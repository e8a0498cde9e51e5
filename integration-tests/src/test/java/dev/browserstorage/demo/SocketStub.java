package dev.browserstorage.demo;

/**
 * A script that a test runs in a page before the glue: it replaces {@code WebSocket} with a stub
 * that never connects and records the URLs it was asked for in {@code window.__blockedSockets}. What
 * the page then shows comes from the browser's storage alone, with no round trip to the server.
 */
public final class SocketStub {
    /** The script's text, for a {@code <script>} element or a browser's "run on every new document". */
    public static final String SCRIPT = """
            window.__blockedSockets = [];
            window.WebSocket = function (url) {
              window.__blockedSockets.push(String(url));
              this.readyState = 0;
              this.send = function () { throw new Error('this test blocks the socket'); };
              this.close = function () {};
            };
            """;

    private SocketStub() {}
}
