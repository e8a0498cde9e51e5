package dev.browserstorage.untyped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BrowserLocalStorageTest {
    record Visit(String path, int count) {}

    private final ManualClock clock = new ManualClock();
    private final Browser session = Browser.builder("b1", "demo").clock(clock).build();
    private final InMemoryBrowser browser = new InMemoryBrowser(session)
            .preload(StorageArea.LOCAL, "demo:visits", "[{\"path\":\"/a\",\"count\":2}]")
            .preload(StorageArea.LOCAL, "demo:__bs.applied", "7")
            .preload(StorageArea.LOCAL, "other:secret", "\"x\"");
    private final BrowserLocalStorage storage = new BrowserLocalStorage(session);

    @Test
    void valuesAreJsonByJacksonReadWithATypeAndKeptUnderTheAppsPrefix() {
        browser.connect();

        CompletableFuture<Void> done =
                storage.set("lastVisit", new Visit("/b", 1)).toCompletableFuture();
        browser.deliver();

        assertThat(done).isCompleted();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:lastVisit", "{\"path\":\"/b\",\"count\":1}");
        assertThat(storage.get("lastVisit", Visit.class)).contains(new Visit("/b", 1));
        assertThat(storage.get("visits", Visit[].class).orElseThrow()).containsExactly(new Visit("/a", 2));
        assertThat(storage.get("missing", String.class, "fallback")).isEqualTo("fallback");
    }

    @Test
    void keysListOnlyTheAppsOwnKeysWithoutTheGluesBookkeeping() {
        browser.connect();

        assertThat(storage.keys()).containsExactly("visits");
        assertThat(storage.contains("visits")).isTrue();
        assertThat(storage.contains("secret")).isFalse();
    }

    @Test
    void aValueOfTheWrongShapeReadsAsAbsent() {
        browser.connect();

        assertThat(storage.get("visits", Integer.class)).isEmpty();
    }

    @Test
    void valuesWithALifetimeExpire() {
        browser.connect();
        storage.set("token", "abc", Duration.ofMinutes(10));

        assertThat(storage.get("token", String.class)).contains("abc");
        clock.advance(Duration.ofMinutes(10));
        assertThat(storage.get("token", String.class)).isEmpty();
        assertThat(storage.contains("token")).isFalse();
    }

    @Test
    void clearRemovesEveryKeyOfTheAppInOneBatchAndNothingElse() {
        browser.connect();

        storage.clear();
        browser.deliver();

        assertThat(browser.received()).hasSize(1);
        assertThat(browser.storage(StorageArea.LOCAL)).containsOnlyKeys("demo:__bs.applied", "other:secret");
    }

    @Test
    void reservedEmptyOrControlCharacterKeysAreRefused() {
        browser.connect();

        assertThatThrownBy(() -> storage.set("__bs.applied", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.set("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.set("a\nb", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void theSessionsLimitsApplyToUntypedWritesToo() {
        Browser small = Browser.builder("b2", "demo")
                .limits(new StorageLimits(10, 1000, 10))
                .build();
        new InMemoryBrowser(small).connect();

        assertThatThrownBy(() -> new BrowserLocalStorage(small).set("k", "far more than ten bytes"))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void listenersSeeChangesOfTheirKey() {
        browser.connect();
        List<StorageChange> changes = new ArrayList<>();
        storage.onChange("visits", changes::add);

        browser.changeInBrowser(StorageArea.LOCAL, "demo:visits", "[]");

        assertThat(changes).extracting(StorageChange::newValue).containsExactly("[]");
    }

    @Test
    void sessionStorageIsTheSameApiOnItsOwnArea() {
        browser.preload(StorageArea.SESSION, "demo:step", "3").connect();
        BrowserSessionStorage tab = new BrowserSessionStorage(session);

        assertThat(tab.get("step", Integer.class)).contains(3);
        tab.remove("step");
        browser.deliver();
        assertThat(browser.storage(StorageArea.SESSION)).isEmpty();
        assertThat(Map.copyOf(browser.storage(StorageArea.LOCAL))).containsKey("demo:visits");
    }
}
