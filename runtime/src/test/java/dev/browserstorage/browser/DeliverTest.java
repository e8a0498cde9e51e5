package dev.browserstorage.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Batches numbered by the caller: what servers sharing a browser use, so that it applies each once. */
class DeliverTest {
    private final Browser browser = Browser.builder("b1", "app").build();
    private final List<WriteBatch> sent = new ArrayList<>();

    DeliverTest() {
        browser.link().hydrate(Snapshot.empty(null));
    }

    @Test
    void aDeliveredBatchGoesOutUnderItsIdAndLaterWritesContinueAboveIt() {
        browser.link().connect(sent::add);

        CompletionStage<Void> delivered = browser.link()
                .deliver(1_700_000_000_000L, "k3v9x0q2mz", List.of(Write.set(StorageArea.LOCAL, "app:a", "1")));
        browser.write(List.of(Write.set(StorageArea.LOCAL, "app:b", "2")));

        assertThat(sent).extracting(WriteBatch::id).containsExactly(1_700_000_000_000L, 1_700_000_000_001L);
        assertThat(sent.get(0).token()).as("the token it was first made with").isEqualTo("k3v9x0q2mz");
        assertThat(browser.readText(StorageArea.LOCAL, "app:a")).contains("1");
        assertThat(delivered.toCompletableFuture()).isNotDone();
        assertThat(browser.link().acknowledge(1_700_000_000_000L)).isTrue();
        assertThat(delivered.toCompletableFuture()).isCompletedWithValue(null);
    }

    @Test
    void anIdNotAboveTheLastOneIsRefusedAndChangesNothing() {
        browser.link().deliver(10, "k3v9x0q2mz", List.of(Write.set(StorageArea.LOCAL, "app:a", "1")));

        assertThatThrownBy(() ->
                        browser.link().deliver(10, "p0a7c2e9wd", List.of(Write.set(StorageArea.LOCAL, "app:a", "2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10");
        assertThatThrownBy(() -> browser.link().deliver(0, "p0a7c2e9wd", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(browser.pendingBatchIds()).containsExactly(10L);
        assertThat(browser.readText(StorageArea.LOCAL, "app:a")).contains("1");
    }

    @Test
    void aCopyThatCannotReadTheSharedStoreSaysSoUntilItsSnapshotComes() {
        Browser unread = Browser.builder("b2", "app").build();
        unread.link().unavailable("the shared store is unreachable");

        assertThatThrownBy(() -> unread.readText(StorageArea.LOCAL, "app:a"))
                .isInstanceOf(dev.browserstorage.StorageUnavailableException.class)
                .hasMessageContaining("the shared store is unreachable");

        unread.link().hydrate(Snapshot.empty(null));
        assertThat(unread.readText(StorageArea.LOCAL, "app:a")).isEmpty();
    }
}
