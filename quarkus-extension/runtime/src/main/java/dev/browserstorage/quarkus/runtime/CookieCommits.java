package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.session.HttpOnlyCommits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Commit URLs for HttpOnly cookies written over the sync socket: {@code <path>/cookie/<token>}, where
 * the token is {@code <nonce>.<expiry>.<HMAC-SHA256 of browser id, nonce and expiry>}. The cookie's
 * value waits here, on the server, under the nonce; the glue POSTs to the URL and the response
 * carries the {@code Set-Cookie}. A URL works once, for {@link BrowserStorageConfig#cookieCommitTtl()},
 * and only with the browser-id cookie of the browser it was made for.
 *
 * <p>The HMAC key is {@link BrowserStorageConfig#cookieCommitKey()}, or random per process. Waiting
 * values are bounded ({@value #MAX_WAITING}); expired ones are dropped as new ones come.
 */
@ApplicationScoped
public class CookieCommits implements HttpOnlyCommits {
    /** The most commit URLs that may wait to be used, over all browsers. */
    static final int MAX_WAITING = 10_000;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private final byte[] key;
    private final long ttlMillis;
    private final String path;

    /** What a commit URL answers. */
    enum Outcome {
        /** The response now carries the cookie. */
        COMMITTED,
        /** The token is not one this server signed for this browser: 403. */
        FORBIDDEN,
        /** The token was signed here but is used up or expired: 410. */
        GONE
    }

    @Inject
    CookieCommits(BrowserStorageConfig config, BrowserStorageBuildTimeConfig buildConfig) {
        this.key = config.cookieCommitKey().map(text -> text.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            return random;
        });
        if (key.length < 32) {
            throw new IllegalStateException("quarkus.browser-storage.cookie-commit-key must be at least 32 bytes long,"
                    + " was " + key.length + ": use a random string such as the output of 'openssl rand -base64 32'");
        }
        this.ttlMillis = config.cookieCommitTtl().toMillis();
        this.path = buildConfig.path() + "/cookie/";
    }

    @Override
    public String commitUrl(String browserId, String name, String value, CookieOptions options) {
        long now = clock.millis();
        if (waiting.size() >= MAX_WAITING) {
            waiting.values().removeIf(entry -> entry.expiresAt <= now);
            if (waiting.size() >= MAX_WAITING) {
                throw new IllegalStateException(MAX_WAITING + " HttpOnly cookie commits are waiting to be used");
            }
        }
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = BASE64URL.encodeToString(nonceBytes);
        long expiresAt = now + ttlMillis;
        waiting.put(nonce, new Waiting(browserId, name, value, options, expiresAt));
        return path + nonce + "." + expiresAt + "." + sign(browserId, nonce, expiresAt);
    }

    /**
     * Uses a commit URL's token, once.
     *
     * @param token the last segment of the URL
     * @param browserId the id in the request's browser-id cookie
     * @param commit receives the cookie to set (its value {@code null} for a deletion) when the
     *     outcome is {@link Outcome#COMMITTED}
     * @return the outcome
     */
    Outcome redeem(String token, String browserId, Committer commit) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || browserId == null || !parts[1].matches("[0-9]{1,19}")) {
            return Outcome.FORBIDDEN;
        }
        long expiresAt = Long.parseLong(parts[1]);
        byte[] expected = sign(browserId, parts[0], expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Outcome.FORBIDDEN;
        }
        Waiting entry = waiting.remove(parts[0]);
        if (entry == null || entry.expiresAt <= clock.millis() || !entry.browserId.equals(browserId)) {
            return Outcome.GONE;
        }
        commit.commit(entry.name, entry.value, entry.options);
        return Outcome.COMMITTED;
    }

    /** @return how many commit URLs wait to be used (or to expire) */
    public int waiting() {
        return waiting.size();
    }

    private String sign(String browserId, String nonce, long expiresAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((browserId + '\n' + nonce + '\n' + expiresAt).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Sets or deletes the cookie of a commit on the response. */
    @FunctionalInterface
    interface Committer {
        void commit(String name, String value, CookieOptions options);
    }

    private record Waiting(String browserId, String name, String value, CookieOptions options, long expiresAt) {}
}
