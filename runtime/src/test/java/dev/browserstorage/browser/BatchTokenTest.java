package dev.browserstorage.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every batch has a token that names it whatever its id: unique, and kept when the ids move. */
class BatchTokenTest {
    private final Browser session = Browser.builder("b1", "demo").build();

    @Test
    void everyBatchGetsItsOwnToken() {
        for (int i = 0; i < 1000; i++) {
            session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k" + (i % 10), String.valueOf(i))));
        }

        List<WriteBatch> batches = session.link().pendingBatches();
        assertThat(batches).hasSize(1000);
        Set<String> tokens = new HashSet<>();
        batches.forEach(batch -> assertThat(batch.token()).matches("[0-9a-z]{10}"));
        batches.forEach(batch -> tokens.add(batch.token()));
        assertThat(tokens).as("no two of 1000 batches share a token").hasSize(1000);
    }

    @Test
    void renumberingMovesTheIdsAndKeepsTheTokensAndTheOrder() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")));
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:b", "2")));
        List<WriteBatch> before = session.link().pendingBatches();

        assertThat(session.link().continueBatchIdsAfter(41)).isTrue();

        List<WriteBatch> after = session.link().pendingBatches();
        assertThat(after).extracting(WriteBatch::id).containsExactly(42L, 43L);
        assertThat(after)
                .extracting(WriteBatch::token)
                .containsExactly(before.get(0).token(), before.get(1).token());
        assertThat(after)
                .extracting(WriteBatch::writes)
                .containsExactly(before.get(0).writes(), before.get(1).writes());
    }

    @Test
    void pendingBatchesOnlyReads() {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")));

        session.link().pendingBatches();

        assertThat(session.pendingBatchIds()).containsExactly(1L);
        assertThat(session.isHydrated()).isFalse();
        assertThat(session.link().acknowledge(1))
                .as("still pending after a read")
                .isTrue();
        assertThat(session.link().pendingBatches()).isEmpty();
    }

    @Test
    void aMalformedTokenIsRefused() {
        assertThatThrownBy(() -> new WriteBatch(1, "<script>xx", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<script>xx");
        assertThatThrownBy(() -> new WriteBatch(1, "abc", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
