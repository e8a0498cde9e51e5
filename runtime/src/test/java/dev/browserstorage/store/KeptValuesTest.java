package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The decoded values a store keeps per browser view ({@link dev.browserstorage.browser.DecodedValues}):
 * a read after any change of the view sees the change, a browser never sees another's value, and
 * mutable values are still copies.
 */
class KeptValuesTest {
    private static final URI PAGE = URI.create("https://shop.example.com/settings");
    private static final String THEME_KEY = "demo:prefs.theme";
    private static final String SIZE_KEY = "demo:prefs.fontSize";

    private final ManualClock clock = new ManualClock();
    private final Browser browser = Browser.builder("b1", "demo").clock(clock).build();

    private final StoreField<String> theme = StoreField.builder(
                    0, StorageArea.LOCAL, "theme", "prefs.theme", Codecs.string())
            .defaultValue("light")
            .build();
    private final StoreField<Integer> fontSize = StoreField.builder(
                    1, StorageArea.LOCAL, "fontSize", "prefs.fontSize", Codecs.integer())
            .defaultValue(14)
            .build();
    private final StoreDescriptor prefsDescriptor =
            StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", theme, fontSize);
    private final StoreAccess prefs = new StoreAccess(browser, prefsDescriptor);

    private void hydrate(StorageTarget target, Map<String, String> local) {
        target.link().hydrate(new Snapshot(PAGE, local, Map.of(), Map.of()));
    }

    @Test
    void aServerWriteIsReadAtOnceAfterTheOldValueWasKept() {
        hydrate(browser, Map.of(THEME_KEY, "\"dark\""));
        assertThat(prefs.get(theme)).isEqualTo("dark");
        assertThat(prefs.get(theme)).isEqualTo("dark");

        prefs.set(theme, "blue");
        assertThat(prefs.get(theme)).isEqualTo("blue");

        prefs.remove(theme);
        assertThat(prefs.get(theme)).isEqualTo("light");
        assertThat(prefs.getOrDefault(theme)).isEqualTo("light");
    }

    @Test
    void aFailedWriteIsTakenBackFromTheKeptValue() {
        hydrate(browser, Map.of(SIZE_KEY, "16"));
        prefs.set(fontSize, 20);
        assertThat(prefs.get(fontSize)).isEqualTo(20);

        long batch = browser.pendingBatchIds().get(0);
        browser.link().fail(batch, new StorageUnavailableException(StorageArea.LOCAL, "full"));

        assertThat(prefs.get(fontSize)).isEqualTo(16);
        assertThat(prefs.getOrDefault(fontSize)).isEqualTo(16);
    }

    @Test
    void anAcknowledgementThatChangesTheViewIsRead() {
        hydrate(browser, Map.of(SIZE_KEY, "16"));
        prefs.set(fontSize, 20);
        prefs.set(fontSize, 30);
        assertThat(prefs.get(fontSize)).isEqualTo(30);
        List<Long> batches = browser.pendingBatchIds();

        // The later batch acknowledged first: confirmed 30, the earlier batch (20) still over it.
        browser.link().acknowledge(batches.get(1));
        assertThat(prefs.get(fontSize)).isEqualTo(20);

        browser.link().acknowledge(batches.get(0));
        assertThat(prefs.get(fontSize)).isEqualTo(20);
    }

    @Test
    void aChangeFromTheBrowserAndANewSnapshotAreRead() {
        hydrate(browser, Map.of(THEME_KEY, "\"dark\""));
        assertThat(prefs.get(theme)).isEqualTo("dark");

        browser.link().browserChanged(StorageArea.LOCAL, THEME_KEY, "\"green\"");
        assertThat(prefs.get(theme)).isEqualTo("green");

        browser.link().browserChanged(StorageArea.LOCAL, THEME_KEY, null);
        assertThat(prefs.get(theme)).isEqualTo("light");

        hydrate(browser, Map.of(THEME_KEY, "\"red\"", SIZE_KEY, "18"));
        assertThat(prefs.get(theme)).isEqualTo("red");
        assertThat(prefs.get(fontSize)).isEqualTo(18);

        hydrate(browser, Map.of());
        assertThat(prefs.get(theme)).isEqualTo("light");
        assertThat(prefs.get(fontSize)).isEqualTo(14);
    }

    @Test
    void aDefaultReadBeforeTheSnapshotIsNotKeptForTheGetterThatMustWait() {
        assertThat(prefs.getOrDefault(theme)).isEqualTo("light");
        assertThatThrownBy(() -> prefs.get(theme)).isInstanceOf(NotHydratedException.class);

        hydrate(browser, Map.of(THEME_KEY, "\"dark\""));

        assertThat(prefs.getOrDefault(theme)).isEqualTo("dark");
        assertThat(prefs.get(theme)).isEqualTo("dark");
    }

    @Test
    void aStoreServingEveryBrowserNeverHandsOneBrowsersValueToAnother() {
        Browser other = Browser.builder("b2", "demo").clock(clock).build();
        hydrate(browser, Map.of(THEME_KEY, "\"dark\""));
        hydrate(other, Map.of(THEME_KEY, "\"pink\""));
        Browser[] current = {browser};
        StoreAccess shared = new StoreAccess(source(() -> current[0], null), prefsDescriptor);

        for (int i = 0; i < 3; i++) {
            current[0] = browser;
            assertThat(shared.get(theme)).isEqualTo("dark");
            assertThat(shared.get(fontSize)).isEqualTo(14);
            current[0] = other;
            assertThat(shared.get(theme)).isEqualTo("pink");
            assertThat(shared.get(fontSize)).isEqualTo(14);
        }
        current[0] = other;
        shared.set(fontSize, 40);
        assertThat(shared.get(fontSize)).isEqualTo(40);
        current[0] = browser;
        assertThat(shared.get(fontSize)).isEqualTo(14);
    }

    @Test
    void aSessionStoreReadsTheTabOfEachCall() {
        StoreField<String> step = StoreField.builder(0, StorageArea.SESSION, "step", "wizard.step", Codecs.string())
                .defaultValue("start")
                .build();
        Tab first = browser.tab("t1");
        Tab second = browser.tab("t2");
        first.link().hydrate(new Snapshot(PAGE, Map.of(), Map.of("demo:wizard.step", "\"pay\""), Map.of()));
        second.link().hydrate(new Snapshot(PAGE, Map.of(), Map.of(), Map.of()));
        StorageTarget[] tab = {first};
        StoreAccess wizard = new StoreAccess(
                source(() -> browser, () -> tab[0]),
                StoreDescriptor.of("demo.Wizard", StorageArea.SESSION, "wizard", step));

        for (int i = 0; i < 3; i++) {
            tab[0] = first;
            assertThat(wizard.get(step)).isEqualTo("pay");
            tab[0] = second;
            assertThat(wizard.get(step)).isEqualTo("start");
        }
        wizard.set(step, "ship");
        assertThat(wizard.get(step)).isEqualTo("ship");
        tab[0] = first;
        assertThat(wizard.get(step)).isEqualTo("pay");
    }

    @Test
    void aValueWithALifetimeStillExpires() {
        StoreField<String> note = StoreField.builder(0, StorageArea.LOCAL, "note", "notes.note", Codecs.string())
                .defaultValue("")
                .ttl(Duration.ofMinutes(5))
                .build();
        StoreAccess notes =
                new StoreAccess(browser, StoreDescriptor.of("demo.Notes", StorageArea.LOCAL, "notes", note));
        hydrate(browser, Map.of());
        notes.set(note, "call back");
        assertThat(notes.get(note)).isEqualTo("call back");

        clock.advance(Duration.ofMinutes(6));

        assertThat(notes.get(note)).isEmpty();
    }

    /** A POJO: mutable, so each reader gets its own copy. */
    public static final class Address {
        public String street = "";
    }

    @Test
    void mutableValuesAreStillCopiesForEachReader() {
        StoreField<Address> address = StoreField.builder(
                        0, StorageArea.LOCAL, "address", "profile.address", Codecs.json(Address.class))
                .build();
        StoreAccess profile =
                new StoreAccess(browser, StoreDescriptor.of("demo.Profile", StorageArea.LOCAL, "profile", address));
        hydrate(browser, Map.of("demo:profile.address", "{\"street\":\"Main St\"}"));

        Address first = profile.get(address);
        first.street = "changed by one reader";
        Address second = profile.get(address);

        assertThat(second).isNotSameAs(first);
        assertThat(second.street).isEqualTo("Main St");
    }

    @Test
    void moreStoresThanTheBrowserKeepsValuesForStillReadTheirOwn() {
        hydrate(browser, Map.of(THEME_KEY, "\"dark\""));
        List<StoreAccess> stores = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stores.add(new StoreAccess(browser, prefsDescriptor));
        }
        for (int round = 0; round < 3; round++) {
            for (StoreAccess store : stores) {
                assertThat(store.get(theme)).isEqualTo("dark");
            }
        }
        stores.get(7).set(theme, "gold");
        for (StoreAccess store : stores) {
            assertThat(store.get(theme)).isEqualTo("gold");
        }
    }

    @Test
    void aReaderRacingWritesNeverGoesBackAndSeesTheLastWriteOnceItIsMade() throws Exception {
        hydrate(browser, Map.of(SIZE_KEY, "0"));
        int writes = 2000;
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(2);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                seen.add(readers.submit(() -> {
                    started.countDown();
                    int last = 0;
                    while (!done.get()) {
                        int now = prefs.get(fontSize);
                        if (now < last) {
                            throw new AssertionError("read " + now + " after " + last);
                        }
                        last = now;
                    }
                    return prefs.get(fontSize);
                }));
            }
            started.await();
            for (int i = 1; i <= writes; i++) {
                CompletionStage<Void> written = prefs.set(fontSize, i);
                assertThat(prefs.get(fontSize)).isEqualTo(i);
                browser.link().acknowledge(browser.pendingBatchIds().get(0));
                written.toCompletableFuture().join();
            }
            done.set(true);
            for (Future<Integer> reader : seen) {
                assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(writes);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    static BrowserSource source(
            java.util.function.Supplier<Browser> current, java.util.function.Supplier<StorageTarget> tab) {
        return new BrowserSource() {
            @Override
            public String appId() {
                return "demo";
            }

            @Override
            public Browser current() {
                return current.get();
            }

            @Override
            public StorageTarget currentTab() {
                return tab == null ? current.get() : tab.get();
            }
        };
    }
}
