package dev.browserstorage.quarkus.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.browserstorage.browser.HttpOnlyCommits;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.AloneSharing;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import dev.browserstorage.quarkus.runtime.sharing.CookieOptionsJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Commit URLs for HttpOnly cookies written over the sync socket: {@code <path>/cookie/<token>}, where
 * the token is {@code <nonce>.<expiry>.<HMAC-SHA256 of browser id, nonce and expiry>}. The cookie's
 * value waits here, on the server, under the nonce; the glue POSTs to the URL and the response
 * carries the {@code Set-Cookie}. A URL works once, for {@link BrowserStorageConfig#cookieCommitTtl()},
 * and only with the browser-id cookie of the browser it was made for: its session's label is signed
 * into it, and the request's credential must lead to that session.
 *
 * <p>The HMAC key is {@link BrowserStorageConfig#cookieCommitKey()}, or random per process. A write
 * sent again (after a reconnect) gets the URL it already has while that has half its life left, so
 * a browser that reconnects in a loop mints nothing new. Waiting values are bounded per browser
 * ({@link BrowserStorageConfig#maxCookieCommitsPerBrowser()}: past it the browser's own oldest URL
 * is given up, never another browser's) and overall ({@value #MAX_WAITING}); expired ones are
 * dropped as new ones come.
 *
 * <p>When the app's nodes share their browsers ({@link BrowserSharing#isShared()}), the glue's POST
 * may reach a node other than the one that minted the URL: each waiting value is also handed to
 * {@link BrowserSharing#commitMinted} (a URL given up here is taken back), and a node that does not
 * hold a nonce takes it from the shared store, once more after {@value #RETRY_MILLIS} ms if it is not
 * there yet. A URL redeemed on the node that minted it is taken from the shared store too, and
 * commits only if it was still there: of all the nodes, one commits it, once. A shared store that
 * cannot answer fails the redemption ({@code 503}) rather than risk a second use.
 */
@ApplicationScoped
public class CookieCommits implements HttpOnlyCommits {
    /** The most commit URLs that may wait to be used, over all browsers. */
    static final int MAX_WAITING = 100_000;

    /** How long a node waits before it looks for a shared commit again: the mint may be on its way. */
    static final long RETRY_MILLIS = 100;

    private static final Logger LOG = Logger.getLogger(CookieCommits.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Waiting values by nonce; this map and the two below are guarded by this object. */
    private final Map<String, Waiting> waiting = new HashMap<>();
    /** The nonce of each waiting write, by browser and content: a write sent again reuses its URL. */
    private final Map<WriteKey, String> byWrite = new HashMap<>();
    /** Each browser's waiting nonces, oldest first. */
    private final Map<String, ArrayDeque<String>> byBrowser = new HashMap<>();

    private final Clock clock;
    private final byte[] key;
    private final long ttlMillis;
    private final int perBrowser;
    private final String path;
    private final BrowserSharing sharing;
    private final Executor retryLater;

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
    CookieCommits(BrowserStorageConfig config, BrowserStorageBuildTimeConfig buildConfig, BrowserSharing sharing) {
        this(
                config.cookieCommitKey()
                        .map(text -> text.getBytes(StandardCharsets.UTF_8))
                        .or(() -> sharing.sharedSecret("cookie-commit-key"))
                        .orElse(null),
                config.cookieCommitTtl().toMillis(),
                config.maxCookieCommitsPerBrowser(),
                buildConfig.path(),
                Clock.systemUTC(),
                sharing,
                CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS));
    }

    /**
     * Commit URLs of one node that shares nothing.
     *
     * @param key the HMAC key, at least 32 bytes; {@code null} for a random key of this process
     * @param ttlMillis how long a URL stays valid
     * @param perBrowser the most URLs that may wait for one browser
     * @param basePath the extension's base path
     * @param clock the clock
     */
    CookieCommits(byte[] key, long ttlMillis, int perBrowser, String basePath, Clock clock) {
        this(key, ttlMillis, perBrowser, basePath, clock, new AloneSharing(), Runnable::run);
    }

    /**
     * @param key the HMAC key, at least 32 bytes; {@code null} for a random key of this process
     * @param ttlMillis how long a URL stays valid
     * @param perBrowser the most URLs that may wait for one browser
     * @param basePath the extension's base path
     * @param clock the clock
     * @param sharing how the app's nodes share their browsers
     * @param retryLater runs a task {@value #RETRY_MILLIS} ms later: the second look for a shared commit
     */
    CookieCommits(
            byte[] key,
            long ttlMillis,
            int perBrowser,
            String basePath,
            Clock clock,
            BrowserSharing sharing,
            Executor retryLater) {
        if (key == null) {
            key = new byte[32];
            RANDOM.nextBytes(key);
        } else if (key.length < 32) {
            throw new IllegalStateException("quarkus.browser-storage.cookie-commit-key must be at least 32 bytes long,"
                    + " was " + key.length + ": use a random string such as the output of 'openssl rand -base64 32'");
        }
        this.key = key;
        this.ttlMillis = ttlMillis;
        this.perBrowser = Math.max(1, perBrowser);
        this.path = basePath + "/cookie/";
        this.clock = clock;
        this.sharing = sharing;
        this.retryLater = retryLater;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Calls the sharing's store with this object's lock held, so that a URL's mint and its
     * giving up reach the store in that order; neither call blocks.
     */
    @Override
    public synchronized String commitUrl(String browserId, String name, String value, CookieOptions options) {
        long now = clock.millis();
        WriteKey write = new WriteKey(browserId, name, value, options);
        String known = byWrite.get(write);
        if (known != null) {
            Waiting entry = waiting.get(known);
            // Shared with other nodes, a URL may have been used on another one without this node
            // knowing: a write sent again then gets a fresh URL rather than one that may answer 410.
            if (!sharing.isShared() && entry.expiresAt - now > ttlMillis / 2) {
                return entry.url;
            }
            giveUp(known, now);
        }
        if (waiting.size() >= MAX_WAITING) {
            List.copyOf(waiting.entrySet()).stream()
                    .filter(e -> e.getValue().expiresAt <= now)
                    .forEach(e -> giveUp(e.getKey(), now));
            if (waiting.size() >= MAX_WAITING) {
                throw new IllegalStateException(MAX_WAITING + " HttpOnly cookie commits are waiting to be used");
            }
        }
        ArrayDeque<String> own = byBrowser.computeIfAbsent(browserId, id -> new ArrayDeque<>());
        while (own.size() >= perBrowser) {
            giveUp(own.peekFirst(), now);
        }
        byte[] nonceBytes = new byte[18];
        RANDOM.nextBytes(nonceBytes);
        String nonce = BASE64URL.encodeToString(nonceBytes);
        long expiresAt = now + ttlMillis;
        String url = path + nonce + "." + expiresAt + "." + sign(browserId, nonce, expiresAt);
        waiting.put(nonce, new Waiting(write, url, expiresAt));
        byWrite.put(write, nonce);
        byBrowser.computeIfAbsent(browserId, id -> new ArrayDeque<>()).addLast(nonce);
        if (sharing.isShared()) {
            sharing.commitMinted(nonce, toJson(write, expiresAt), ttlMillis);
        }
        return url;
    }

    /**
     * Drops a waiting value that will not be used, and takes it back from the shared store while it
     * could still be redeemed there; called with this object's lock held.
     */
    private void giveUp(String nonce, long now) {
        Waiting entry = forget(nonce);
        if (entry != null && entry.expiresAt > now && sharing.isShared()) {
            sharing.takeCommit(nonce);
        }
    }

    /** Drops a waiting value and its indexes; called with this object's lock held. */
    private Waiting forget(String nonce) {
        Waiting entry = waiting.remove(nonce);
        if (entry == null) {
            return null;
        }
        byWrite.remove(entry.write, nonce);
        ArrayDeque<String> own = byBrowser.get(entry.write.browserId);
        if (own != null) {
            own.remove(nonce);
            if (own.isEmpty()) {
                byBrowser.remove(entry.write.browserId);
            }
        }
        return entry;
    }

    /**
     * Uses a commit URL's token, once: on this node, or on any node when they share their browsers.
     *
     * @param token the last segment of the URL
     * @param browserId the label of the session of the request's browser ({@code Browser.browserId()}),
     *     {@code null} if it has none
     * @param commit receives the cookie to set (its value {@code null} for a deletion) when the
     *     outcome is {@link Outcome#COMMITTED}, before the stage completes, on the thread that
     *     completes it
     * @return completes with the outcome, at once when the nodes share nothing; fails with {@link
     *     dev.browserstorage.StorageUnavailableException} when the shared store cannot answer
     */
    CompletionStage<Outcome> redeem(String token, String browserId, Committer commit) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || browserId == null || !parts[1].matches("[0-9]{1,18}")) {
            // 18 digits: no expiry this server signs is longer, and 19 could overflow a long.
            return CompletableFuture.completedFuture(Outcome.FORBIDDEN);
        }
        long expiresAt = Long.parseLong(parts[1]);
        byte[] expected = sign(browserId, parts[0], expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return CompletableFuture.completedFuture(Outcome.FORBIDDEN);
        }
        String nonce = parts[0];
        Waiting entry;
        synchronized (this) {
            entry = waiting.get(nonce);
            if (entry != null) {
                if (!entry.write.browserId.equals(browserId)) {
                    return CompletableFuture.completedFuture(Outcome.GONE);
                }
                forget(nonce);
            }
        }
        if (!sharing.isShared()) {
            return CompletableFuture.completedFuture(entry == null ? Outcome.GONE : use(entry, commit));
        }
        if (entry != null) {
            // Minted here, but another node may have used it: its mint reached the store before this
            // take, so an empty take means it did (or the mint was lost), and this node must not commit.
            return sharing.takeCommit(nonce).thenApply(taken -> taken.isPresent() ? use(entry, commit) : Outcome.GONE);
        }
        return takeShared(nonce, true)
                .thenApply(taken -> taken.filter(shared -> shared.write.browserId.equals(browserId))
                        .map(shared -> use(shared, commit))
                        .orElse(Outcome.GONE));
    }

    /** Takes a commit another node minted; if it is not there, once more a little later. */
    private CompletionStage<Optional<Waiting>> takeShared(String nonce, boolean again) {
        return sharing.takeCommit(nonce).thenCompose(taken -> {
            if (taken.isPresent() || !again) {
                return CompletableFuture.completedFuture(taken.flatMap(CookieCommits::fromJson));
            }
            return CompletableFuture.runAsync(() -> {}, retryLater).thenCompose(ignored -> takeShared(nonce, false));
        });
    }

    private Outcome use(Waiting entry, Committer commit) {
        if (entry.expiresAt <= clock.millis()) {
            return Outcome.GONE;
        }
        commit.commit(entry.write.name, entry.write.value, entry.write.options);
        return Outcome.COMMITTED;
    }

    /** A waiting value as the shared store keeps it. */
    private static String toJson(WriteKey write, long expiresAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("b", write.browserId);
        node.put("n", write.name);
        node.put("v", write.value);
        node.set("o", CookieOptionsJson.toJson(write.options));
        node.put("e", expiresAt);
        return node.toString();
    }

    /** @return the waiting value {@link #toJson} wrote, or empty (logged) if it is not one */
    private static Optional<Waiting> fromJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.path("b").isTextual()
                    || !node.path("n").isTextual()
                    || !node.path("e").canConvertToLong()) {
                throw new IllegalArgumentException("a field is missing");
            }
            WriteKey write = new WriteKey(
                    node.get("b").asText(),
                    node.get("n").asText(),
                    node.path("v").isTextual() ? node.get("v").asText() : null,
                    CookieOptionsJson.fromJson(node.path("o")));
            return Optional.of(new Waiting(write, null, node.get("e").asLong()));
        } catch (Exception e) {
            LOG.warnf("A shared cookie commit could not be read (%s): treated as used", e.getMessage());
            return Optional.empty();
        }
    }

    /** @return how many commit URLs wait to be used (or to expire) */
    public synchronized int waiting() {
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

    /** One write of one browser's HttpOnly cookie: the same write sent again has the same key. */
    private record WriteKey(String browserId, String name, String value, CookieOptions options) {}

    /** A value that waits for its URL ({@code null} for one another node minted) to be used. */
    private record Waiting(WriteKey write, String url, long expiresAt) {}
}
