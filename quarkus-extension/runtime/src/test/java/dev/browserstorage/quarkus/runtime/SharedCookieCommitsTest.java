package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.runtime.sharing.AloneSharing;
import dev.browserstorage.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Commit URLs when two nodes share their browsers: the node the glue's POST reaches redeems a URL
 * the other one minted, once of all the nodes, with the checks of one node.
 */
class SharedCookieCommitsTest {
    private static final byte[] KEY = "a shared key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
    private static final CookieOptions HTTP_ONLY = CookieOptions.builder()
            .httpOnly(true)
            .secure(true)
            .sameSite(SameSite.STRICT)
            .path("/app")
            .maxAge(Duration.ofHours(1))
            .build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final FakeStore store = new FakeStore();
    /** The second looks of node b, run when a test says. */
    private final List<Runnable> retries = new ArrayList<>();

    private final CookieCommits a = new CookieCommits(KEY, 60_000, 32, "/_storage", clock, store, Runnable::run);
    private final CookieCommits b = new CookieCommits(KEY, 60_000, 32, "/_storage", clock, store, this::later);

    @Test
    void aUrlMintedOnOneNodeIsRedeemedOnTheOtherExactlyOnce() {
        String url = a.commitUrl("b-one", "sid", "secret", HTTP_ONLY);
        assertThat(store.ttls).containsValue(60_000L);

        List<String> committed = new ArrayList<>();
        assertThat(now(b.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> {
                    committed.add(name + "=" + value);
                    assertThat(options)
                            .as("the options as the minting node made them")
                            .isEqualTo(HTTP_ONLY);
                })))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
        assertThat(committed).containsExactly("sid=secret");

        assertThat(redeemAfterRetry(b, url, "b-one"))
                .as("used up on the node that redeemed it")
                .isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(now(a.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> committed.add(value))))
                .as("used up on the node that minted it, which still holds it")
                .isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(committed).hasSize(1);
    }

    @Test
    void aUrlRedeemedOnTheNodeThatMintedItIsTakenFromTheSharedStore() {
        String url = a.commitUrl("b-one", "sid", null, HTTP_ONLY);
        List<String> committed = new ArrayList<>();
        assertThat(now(a.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> committed.add(value))))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
        assertThat(committed).as("a deletion").containsExactly((String) null);
        assertThat(store.entries).isEmpty();
        assertThat(redeemAfterRetry(b, url, "b-one")).isEqualTo(CookieCommits.Outcome.GONE);
    }

    @Test
    void ofConcurrentRedemptionsOnBothNodesOneCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                String token = CookieCommitsTest.token(a.commitUrl("b-one", "sid", "v" + round, HTTP_ONLY));
                CyclicBarrier start = new CyclicBarrier(8);
                ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
                List<Future<CookieCommits.Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    CookieCommits node = i % 2 == 0 ? a : b;
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return node.redeem(token, "b-one", (name, value, options) -> committed.add(value))
                                .toCompletableFuture()
                                .join();
                    }));
                }
                List<CookieCommits.Outcome> answered = new ArrayList<>();
                for (Future<CookieCommits.Outcome> outcome : outcomes) {
                    while (!outcome.isDone()) {
                        runRetries();
                        Thread.onSpinWait();
                    }
                    answered.add(outcome.get());
                }
                assertThat(answered)
                        .filteredOn(CookieCommits.Outcome.COMMITTED::equals)
                        .hasSize(1);
                assertThat(committed).containsExactly("v" + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredUrlIsGoneOnTheOtherNodeEvenIfTheStoreStillHasIt() {
        String url = a.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        clock.advance(Duration.ofSeconds(61));
        assertThat(now(b.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})))
                .isEqualTo(CookieCommits.Outcome.GONE);
    }

    @Test
    void theOtherNodeChecksTheSignatureAndTheLabel() {
        String url = a.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        assertThat(now(b.redeem(CookieCommitsTest.token(url), "b-two", (name, value, options) -> {})))
                .as("another browser's request")
                .isEqualTo(CookieCommits.Outcome.FORBIDDEN);
        assertThat(now(b.redeem(CookieCommitsTest.token(url), null, (name, value, options) -> {})))
                .isEqualTo(CookieCommits.Outcome.FORBIDDEN);
        assertThat(store.entries).as("a refused request takes nothing").hasSize(1);

        String nonce = CookieCommitsTest.token(url).split("\\.")[0];
        store.entries.put(nonce, store.entries.get(nonce).replace("\"b-one\"", "\"b-two\""));
        assertThat(now(b.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})))
                .as("a waiting value of another browser")
                .isEqualTo(CookieCommits.Outcome.GONE);

        String other = a.commitUrl("b-one", "sid", "w", HTTP_ONLY);
        store.entries.put(CookieCommitsTest.token(other).split("\\.")[0], "{not json");
        assertThat(now(b.redeem(CookieCommitsTest.token(other), "b-one", (name, value, options) -> {})))
                .as("an unreadable waiting value")
                .isEqualTo(CookieCommits.Outcome.GONE);
    }

    @Test
    void aMintStillOnItsWayIsFoundAtTheSecondLook() {
        store.holdMints = true;
        String url = a.commitUrl("b-one", "sid", "late", HTTP_ONLY);
        List<String> committed = new ArrayList<>();
        CompletableFuture<CookieCommits.Outcome> outcome = b.redeem(
                        CookieCommitsTest.token(url), "b-one", (name, value, options) -> committed.add(value))
                .toCompletableFuture();
        assertThat(outcome).as("waits for its second look").isNotDone();
        store.releaseMints();
        runRetries();
        assertThat(now(outcome)).isEqualTo(CookieCommits.Outcome.COMMITTED);
        assertThat(committed).containsExactly("late");
    }

    @Test
    void aUrlNeverSharedIsGoneAfterTheSecondLook() {
        String url = new CookieCommits(KEY, 60_000, 32, "/_storage", clock).commitUrl("b-one", "sid", "v", HTTP_ONLY);
        CompletableFuture<CookieCommits.Outcome> outcome = b.redeem(
                        CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})
                .toCompletableFuture();
        assertThat(outcome).isNotDone();
        assertThat(store.takes).isEqualTo(1);
        runRetries();
        assertThat(now(outcome)).isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(store.takes).isEqualTo(2);
    }

    @Test
    void aUrlGivenUpOnTheNodeThatMintedItIsTakenBackFromTheSharedStore() {
        String first = a.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        clock.advance(Duration.ofSeconds(31));
        String later = a.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        assertThat(later).isNotEqualTo(first);
        assertThat(redeemAfterRetry(b, first, "b-one")).isEqualTo(CookieCommits.Outcome.GONE);

        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            flood.add(a.commitUrl("b-hostile", "sid", "v" + i, HTTP_ONLY));
        }
        assertThat(redeemAfterRetry(b, flood.get(0), "b-hostile"))
                .as("past the browser's quota, its oldest URL is given up on every node")
                .isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(store.entries).as("the quota bounds the shared store too").hasSize(1 + 32);
        assertThat(now(b.redeem(CookieCommitsTest.token(later), "b-one", (name, value, options) -> {})))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
    }

    @Test
    void aStoreThatCannotAnswerFailsTheRedemptionOnEitherNode() {
        String url = a.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        store.down = true;
        CompletableFuture<CookieCommits.Outcome> elsewhere = b.redeem(
                        CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})
                .toCompletableFuture();
        assertThat(elsewhere).isCompletedExceptionally();
        assertThat(elsewhere.handle((ok, failure) -> failure.getCause()).join())
                .isInstanceOf(StorageUnavailableException.class);
        CompletableFuture<CookieCommits.Outcome> here = a.redeem(
                        CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})
                .toCompletableFuture();
        assertThat(here).as("not used here while another node may use it").isCompletedExceptionally();
    }

    @Test
    void withoutSharingTheLocalPathIsUnchanged() {
        AloneSharing alone = new AloneSharing();
        CookieCommits one = new CookieCommits(KEY, 60_000, 32, "/_storage", clock, alone, retries::add);
        CookieCommits other = new CookieCommits(KEY, 60_000, 32, "/_storage", clock, alone, retries::add);
        String url = one.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        CompletableFuture<CookieCommits.Outcome> elsewhere = other.redeem(
                        CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})
                .toCompletableFuture();
        assertThat(elsewhere).as("answered at once, without a second look").isDone();
        assertThat(elsewhere.join()).isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(now(one.redeem(CookieCommitsTest.token(url), "b-one", (name, value, options) -> {})))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
        assertThat(retries).isEmpty();
    }

    private CookieCommits.Outcome redeemAfterRetry(CookieCommits node, String url, String label) {
        CompletableFuture<CookieCommits.Outcome> outcome = node.redeem(
                        CookieCommitsTest.token(url), label, (name, value, options) -> {})
                .toCompletableFuture();
        runRetries();
        return now(outcome);
    }

    private void later(Runnable retry) {
        synchronized (retries) {
            retries.add(retry);
        }
    }

    private void runRetries() {
        List<Runnable> due;
        synchronized (retries) {
            due = List.copyOf(retries);
            retries.clear();
        }
        due.forEach(Runnable::run);
    }

    private static CookieCommits.Outcome now(CompletionStage<CookieCommits.Outcome> outcome) {
        CompletableFuture<CookieCommits.Outcome> future = outcome.toCompletableFuture();
        assertThat(future).as("answered").isDone();
        return future.join();
    }

    /** A shared store in memory, as two nodes would see Redis: atomic takes, mints that may arrive late, an outage. */
    private static final class FakeStore extends AloneSharing {
        final Map<String, String> entries = new HashMap<>();
        final Map<String, Long> ttls = new HashMap<>();
        final List<Runnable> heldMints = new ArrayList<>();
        volatile boolean holdMints;
        volatile boolean down;
        int takes;

        @Override
        public synchronized void commitMinted(String nonce, String entry, long ttlMillis) {
            Runnable mint = () -> {
                entries.put(nonce, entry);
                ttls.put(nonce, ttlMillis);
            };
            if (holdMints) {
                heldMints.add(mint);
            } else {
                mint.run();
            }
        }

        synchronized void releaseMints() {
            heldMints.forEach(Runnable::run);
            heldMints.clear();
        }

        @Override
        public synchronized CompletionStage<Optional<String>> takeCommit(String nonce) {
            takes++;
            if (down) {
                return CompletableFuture.failedFuture(new StorageUnavailableException(null, "Redis is unavailable"));
            }
            return CompletableFuture.completedFuture(Optional.ofNullable(entries.remove(nonce)));
        }

        @Override
        public boolean isShared() {
            return true;
        }
    }
}
