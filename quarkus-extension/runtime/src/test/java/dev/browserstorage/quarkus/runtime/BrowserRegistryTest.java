package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.DisconnectedException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.Write;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** How long sessions live: a browser that never connected is dropped long before an idle one. */
class BrowserRegistryTest {
    private final BrowserRegistry sessions = new BrowserRegistry(
            new SmallRyeConfigBuilder()
                    .withMapping(BrowserStorageConfig.class)
                    // Quarkus's own duration syntax ("30M"), as in an application.
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withDefaultValue("quarkus.browser-storage.app-id", "test")
                    .build()
                    .getConfigMapping(BrowserStorageConfig.class),
            Optional.empty());

    @Test
    void aBrowserThatNeverConnectedIsDroppedAfterTheUnclaimedTimeoutAndItsWritesFail() {
        Browser unclaimed = sessions.browser("UUUUUUUUUUUUUUUUUUUUUU");
        CompletableFuture<Void> write = unclaimed
                .write(List.of(Write.set(StorageArea.LOCAL, "test:k", "1")))
                .toCompletableFuture();

        sessions.evictIdle(Instant.now().plus(Duration.ofSeconds(90)));
        assertThat(sessions.find("UUUUUUUUUUUUUUUUUUUUUU"))
                .as("kept for the 2 minutes a first page load may take")
                .isPresent();

        sessions.evictIdle(Instant.now().plus(Duration.ofMinutes(3)));
        assertThat(sessions.find("UUUUUUUUUUUUUUUUUUUUUU")).isEmpty();
        assertThat(write).isCompletedExceptionally();
        assertThat(catchCause(write)).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void aBrowserThatConnectedOnceIsKeptForTheIdleTimeout() {
        Browser known = sessions.browser("KKKKKKKKKKKKKKKKKKKKKK");
        known.link().hydrate(Snapshot.empty(URI.create("http://localhost/")));

        sessions.evictIdle(Instant.now().plus(Duration.ofMinutes(3)));
        assertThat(sessions.find("KKKKKKKKKKKKKKKKKKKKKK")).isPresent();

        sessions.evictIdle(Instant.now().plus(Duration.ofMinutes(31)));
        assertThat(sessions.find("KKKKKKKKKKKKKKKKKKKKKK")).isEmpty();
    }

    @Test
    void rotatedIdsAreRefusedAndTheirNumberIsBounded() {
        BrowserRegistry small = new BrowserRegistry(
                new SmallRyeConfigBuilder()
                        .withMapping(BrowserStorageConfig.class)
                        .withConverter(Duration.class, 200, new DurationConverter())
                        .withDefaultValue("quarkus.browser-storage.app-id", "test")
                        .withDefaultValue("quarkus.browser-storage.max-browsers", "3")
                        .build()
                        .getConfigMapping(BrowserStorageConfig.class),
                Optional.empty());
        Browser session = small.browser("R0RRRRRRRRRRRRRRRRRRRR");
        assertThat(small.rekey("R0RRRRRRRRRRRRRRRRRRRR", "R1RRRRRRRRRRRRRRRRRRRR"))
                .containsSame(session);
        assertThat(small.isRetired("R0RRRRRRRRRRRRRRRRRRRR")).isTrue();
        assertThat(small.find("R1RRRRRRRRRRRRRRRRRRRR")).containsSame(session);

        // A login endpoint hit in a loop: the retired ids stay within max-browsers.
        for (int i = 1; i < 50; i++) {
            small.rekey("R" + i + "R".repeat(22 - 1 - String.valueOf(i).length()), "R" + (i + 1) + "x");
        }
        long retired = java.util.stream.IntStream.range(0, 50)
                .filter(i -> small.isRetired(
                        "R" + i + "R".repeat(22 - 1 - String.valueOf(i).length())))
                .count();
        assertThat(retired).isBetween(1L, 3L);
    }

    @Test
    void theHeldSessionsAreListedByLabelWithoutTheBrowsersIds() {
        Browser first = sessions.browser("AAAAAAAAAAAAAAAAAAAAAA");
        Browser second = sessions.browser("BBBBBBBBBBBBBBBBBBBBBB");

        List<BrowserRegistry.Held> held = sessions.held();
        assertThat(held).extracting(BrowserRegistry.Held::browser).containsExactlyInAnyOrder(first, second);
        assertThat(held)
                .extracting(one -> one.browser().browserId())
                .isSorted()
                .allSatisfy(label -> assertThat(label).startsWith("b-").doesNotContain("AAAA", "BBBB"));
        assertThat(held).allSatisfy(one -> assertThat(one.lastSeen()).isNotNull());
        assertThat(held.toString()).doesNotContain("AAAAAAAAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBBBBBBBB");
    }

    private static Throwable catchCause(CompletableFuture<Void> future) {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
