package dev.browserstorage.browser;

import dev.browserstorage.StorageArea;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cookie writes that leave as {@code Set-Cookie} headers on an HTTP response: the body of {@link
 * StorageTarget#writeToResponse}, which documents it. Takes its target's lock only to prepare and
 * remember the writes; the headers are added, and listeners run, outside it.
 */
final class ResponseCookies {
    private ResponseCookies() {}

    static CompletionStage<Void> write(StorageTarget target, HttpCookies exchange, List<Write> writes) {
        Objects.requireNonNull(exchange, "exchange");
        for (Write write : writes) {
            if (write.area() != StorageArea.COOKIE) {
                throw new IllegalArgumentException("Only cookies go on an HTTP response, not "
                        + write.area().wireName() + " key '" + StorageChecks.abbreviate(write.key()) + "'");
            }
        }
        List<Write> prepared = target.locked(
                () -> target.cookies.prepare(writes, exchange.requestUrl(), new TreeMap<>(exchange.cookies()), true));
        for (Write write : prepared) {
            if (write.isRemoval()) {
                exchange.deleteCookie(write.key(), write.cookieOptions());
            } else {
                exchange.setCookie(write.key(), write.value(), write.cookieOptions());
            }
        }
        target.locked(() -> {
            target.cookies.remember(prepared);
            return null;
        });
        // HttpOnly values stay out of the socket side, as the page never sees them.
        if (target.isHydrated()) {
            for (Write write : prepared) {
                if (!write.cookieOptions().httpOnly()) {
                    target.link().browserChanged(StorageArea.COOKIE, write.key(), write.value());
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }
}
