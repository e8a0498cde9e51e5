package dev.browserstorage.demo;

import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.untyped.BrowserCookies;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;

/**
 * An app's own WebSocket using the injected {@link BrowserCookies}: inside its callbacks it serves
 * the browser that opened the socket, and its writes travel over the sync socket (no HTTP response
 * here to carry a {@code Set-Cookie}). {@code get <name>} answers a cookie's value, {@code
 * <name>=<value>} sets it and answers once the browser has stored it, {@code secret <name>=<value>}
 * sets an HttpOnly one (through a commit URL).
 */
@WebSocket(path = "/api/cookie-socket")
public class CookieSocket {
    @Inject
    BrowserCookies cookies;

    @OnTextMessage
    String onMessage(String message) {
        if (message.startsWith("get ")) {
            return cookies.get(message.substring(4)).map(CookieListItem::value).orElse("(none)");
        }
        boolean httpOnly = message.startsWith("secret ");
        String pair = httpOnly ? message.substring(7) : message;
        int equals = pair.indexOf('=');
        try {
            cookies.set(
                            pair.substring(0, equals),
                            pair.substring(equals + 1),
                            CookieOptions.builder().httpOnly(httpOnly).build())
                    .toCompletableFuture()
                    .join();
            return "stored " + pair.substring(0, equals);
        } catch (InvalidCookieException e) {
            return "refused " + e.rule();
        } catch (CompletionException e) {
            return "failed " + e.getCause().getMessage();
        }
    }
}
