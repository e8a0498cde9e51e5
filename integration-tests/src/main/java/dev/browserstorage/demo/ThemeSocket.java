package dev.browserstorage.demo;

import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import jakarta.inject.Inject;

/**
 * An app's own WebSocket using an injected store: inside its callbacks the store serves the browser
 * that opened the socket. {@code theme} answers the browser's theme; a theme's name stores it and
 * answers once the browser has.
 */
@WebSocket(path = "/api/theme-socket")
public class ThemeSocket {
    @Inject
    PreferencesStore prefs;

    @OnTextMessage
    String onMessage(String message) {
        if (message.equals("theme")) {
            return prefs.getTheme().name();
        }
        prefs.setTheme(Theme.valueOf(message)).toCompletableFuture().join();
        return "stored " + message;
    }
}
