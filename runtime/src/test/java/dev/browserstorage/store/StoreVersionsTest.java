package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Versioned stores over a real {@link Browser}: the migration at hydration and its write-back, the
 * read guard, the write rules, the policies for older and newer values, and the in-memory browser's
 * way to start with older values.
 */
class StoreVersionsTest {
    private static final URI PAGE = URI.create("https://shop.example.com/");
    private static final String MARKER = "demo:prefs";

    private final ManualClock clock = new ManualClock();

    private final StoreField<String> color = StoreField.builder(
                    0, StorageArea.LOCAL, "color", "prefs.color", Codecs.string())
            .defaultValue("blue")
            .build();
    private final StoreField<String> size = StoreField.builder(
                    1, StorageArea.LOCAL, "size", "prefs.size", Codecs.string())
            .defaultValue("m")
            .build();
    private final StoreField<String> session = StoreField.builder(
                    2, StorageArea.LOCAL, "session", "prefs.session", Codecs.string())
            .defaultValue("none")
            .ttl(Duration.ofHours(1))
            .build();

    /** Version 1 → 2: {@code colour} renamed {@code color}, {@code token} renamed {@code session}. */
    private final StoreMigration renames = values -> {
        assertThat(values.version()).isEqualTo(1);
        values.rename("colour", "color");
        values.rename("token", "session");
    };
    /** Version 2 → 3: {@code size} from an int of pixels to a text. */
    private final StoreMigration sizeAsText = values -> {
        assertThat(values.version()).isEqualTo(2);
        values.update("size", old -> old.asInt() > 14 ? "l" : "s");
    };

    private final StoreDescriptor prefs3 = StoreDescriptor.of(
                    "demo.Prefs", StorageArea.LOCAL, "prefs", color, size, session)
            .withVersion(3, 1, renames, sizeAsText);

    private long inAnHour() {
        return clock.millis() + Duration.ofHours(1).toMillis();
    }

    private Browser browser(StoreDescriptor... stores) {
        return browser(NewerVersionPolicy.KEEP, stores);
    }

    private Browser browser(NewerVersionPolicy policy, StoreDescriptor... stores) {
        return Browser.builder("b1", "demo")
                .clock(clock)
                .afterHydrate(StoreUpkeep.of(List.of(stores), policy))
                .build();
    }

    private static void hydrate(StorageTarget target, Map<String, String> local) {
        target.link().hydrate(new Snapshot(PAGE, local, Map.of(), Map.of()));
    }

    private Map<String, String> version1() {
        return Map.of(
                "demo:prefs.colour", "\"red\"",
                "demo:prefs.size", "16",
                "demo:prefs.token", "{\"expires\":" + inAnHour() + ",\"value\":\"abc\"}",
                "demo:prefs.other", "\"kept\"");
    }

    @Test
    void aVersion1BrowserIsMigratedToVersion3AtHydrationWithRenamesTypeChangesAndExpiries() {
        long expiry = inAnHour();
        Map<String, String> version1 = version1();
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        clock.advance(Duration.ofMinutes(10)); // the envelope's expiry is kept, not renewed

        hydrate(browser, version1);

        assertThat(access.get(color)).isEqualTo("red");
        assertThat(access.get(size)).isEqualTo("l");
        assertThat(access.get(session)).isEqualTo("abc");
        assertThat(browser.link().pendingBatches()).hasSize(1);
        WriteBatch batch = browser.link().pendingBatches().get(0);
        assertThat(batch.writes())
                .containsExactlyInAnyOrder(
                        Write.remove(StorageArea.LOCAL, "demo:prefs.colour"),
                        Write.remove(StorageArea.LOCAL, "demo:prefs.token"),
                        Write.set(StorageArea.LOCAL, "demo:prefs.color", "\"red\""),
                        Write.set(StorageArea.LOCAL, "demo:prefs.size", "\"l\""),
                        Write.set(
                                StorageArea.LOCAL,
                                "demo:prefs.session",
                                "{\"expires\":" + expiry + ",\"value\":\"abc\"}"),
                        Write.set(StorageArea.LOCAL, MARKER, "3"));
        assertThat(batch.writes().get(batch.writes().size() - 1).key())
                .as("the marker last")
                .isEqualTo(MARKER);
        // Names no current field has and no step touched stay as they are.
        assertThat(browser.readText(StorageArea.LOCAL, "demo:prefs.other")).contains("\"kept\"");

        CompletionStage<Void> written = access.set(color, "green");
        assertThat(browser.link().acknowledge(batch.id())).isTrue();
        assertThat(browser.link().pendingBatches()).hasSize(1);
        assertThat(written.toCompletableFuture()).isNotDone();
        hydrate(browser, Map.of(MARKER, "3", "demo:prefs.color", "\"red\""));
        assertThat(browser.link().pendingBatches())
                .as("a current store needs nothing")
                .hasSize(1);
        assertThat(access.get(color)).isEqualTo("green");
    }

    @Test
    void anExpiredValueIsDroppedByTheMigration() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        Map<String, String> local = new HashMap<>(version1());
        local.put("demo:prefs.token", "{\"expires\":" + (clock.millis() - 1) + ",\"value\":\"old\"}");

        hydrate(browser, local);

        assertThat(access.get(session)).isEqualTo("none");
        assertThat(browser.link().pendingBatches().get(0).writes())
                .contains(Write.remove(StorageArea.LOCAL, "demo:prefs.token"))
                .noneMatch(write -> write.key().equals("demo:prefs.session"));
    }

    @Test
    void theAcknowledgementConfirmsTheMigrationInTheInMemoryBrowser() {
        InMemoryBrowser browser = InMemoryBrowser.builder()
                .app("demo")
                .clock(clock)
                .stores(prefs3)
                .version(prefs3, 1)
                .holding(StorageArea.LOCAL, "prefs.colour", "\"red\"")
                .holding(StorageArea.LOCAL, "prefs.size", "12")
                .build();
        browser.connect();
        StoreAccess access = new StoreAccess(browser.server(), prefs3);

        assertThat(access.get(color)).isEqualTo("red");
        assertThat(access.get(size)).isEqualTo("s");
        assertThat(browser.deliver()).isEqualTo(1);
        assertThat(browser.storage(StorageArea.LOCAL))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(MARKER, "3", "demo:prefs.color", "\"red\"", "demo:prefs.size", "\"s\""));
        assertThat(browser.server().pendingBatchIds()).isEmpty();

        browser.disconnect();
        browser.connect();
        assertThat(browser.server().pendingBatchIds()).as("migrated once").isEmpty();
        assertThat(access.get(color)).isEqualTo("red");
    }

    @Test
    void codeWaitingForTheHydrationReadsTheMigratedValues() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        AtomicReference<String> seen = new AtomicReference<>();
        browser.awaitHydrated().thenRun(() -> seen.set(access.get(color)));

        hydrate(browser, version1());

        assertThat(seen).hasValue("red");
    }

    @Test
    void withoutTheUpkeepAnOlderStoreReadsAsDefaultsAndRefusesWrites() throws Exception {
        Browser browser = Browser.builder("b1", "demo").clock(clock).build();
        StoreAccess access = new StoreAccess(browser, prefs3);
        hydrate(browser, Map.of("demo:prefs.color", "\"red\"", "demo:prefs.size", "\"l\""));

        assertThat(access.get(color)).isEqualTo("blue");
        assertThat(access.getOrDefault(size)).isEqualTo("m");
        assertThat(access.isSet(color)).isFalse();
        assertRefused(access.set(color, "green"));
        assertRefused(access.field(color).remove());
        assertRefused(access.batch().set(color, "green").commit());
        assertRefused(access.set(session, "x", Duration.ofMinutes(1)));
        assertThat(browser.pendingBatchIds()).isEmpty();
        assertThat(browser.readText(StorageArea.LOCAL, "demo:prefs.color")).contains("\"red\"");
    }

    private static void assertRefused(CompletionStage<Void> stage) {
        assertThatThrownBy(() -> stage.toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(StoreVersionException.class)
                .hasMessageContaining("demo.Prefs")
                .hasMessageContaining("version 1")
                .hasMessageContaining("version 3");
    }

    @Test
    void aFailingMigrationLeavesEverythingReadsDefaultsAndRefusesWrites() {
        StoreDescriptor failing = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", color, size, session)
                .withVersion(3, 1, renames, values -> {
                    throw new IllegalStateException("no size");
                });
        Browser browser = browser(failing);
        StoreAccess access = new StoreAccess(browser, failing);

        hydrate(browser, version1());

        assertThat(browser.pendingBatchIds()).isEmpty();
        assertThat(browser.entries(StorageArea.LOCAL)).isEqualTo(version1());
        assertThat(access.get(color)).isEqualTo("blue");
        assertThat(access.get(session)).isEqualTo("none");
        assertRefused(access.set(color, "green"));
        assertThat(browser.pendingBatchIds()).isEmpty();
    }

    @Test
    void valuesOlderThanTheOldestMigratedAreDropped() {
        StoreDescriptor fromTwo = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", color, size, session)
                .withVersion(3, 2, sizeAsText);
        Browser browser = browser(fromTwo);
        StoreAccess access = new StoreAccess(browser, fromTwo);

        hydrate(browser, version1());

        assertThat(browser.link().pendingBatches().get(0).writes())
                .containsExactly(
                        Write.remove(StorageArea.LOCAL, "demo:prefs.colour"),
                        Write.remove(StorageArea.LOCAL, "demo:prefs.other"),
                        Write.remove(StorageArea.LOCAL, "demo:prefs.size"),
                        Write.remove(StorageArea.LOCAL, "demo:prefs.token"),
                        Write.set(StorageArea.LOCAL, MARKER, "3"));
        assertThat(access.get(size)).isEqualTo("m");
        assertThat(access.set(color, "green")).isNotCompleted();
        assertThat(browser.readText(StorageArea.LOCAL, "demo:prefs.color")).contains("\"green\"");
    }

    @Test
    void newerValuesAreKeptUntouchedByDefault() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);

        hydrate(browser, Map.of(MARKER, "4", "demo:prefs.color", "{\"rgb\":1}"));

        assertThat(browser.pendingBatchIds()).isEmpty();
        assertThat(access.get(color)).isEqualTo("blue");
        assertThatThrownBy(
                        () -> access.set(color, "green").toCompletableFuture().join())
                .cause()
                .isInstanceOf(StoreVersionException.class)
                .hasMessageContaining("version 4");
    }

    @Test
    void newerOrUnparseableValuesAreDroppedWithReset() {
        for (String marker : List.of("4", "x1")) {
            Browser browser = browser(NewerVersionPolicy.RESET, prefs3);
            StoreAccess access = new StoreAccess(browser, prefs3);

            hydrate(browser, Map.of(MARKER, marker, "demo:prefs.color", "{\"rgb\":1}"));

            assertThat(browser.link().pendingBatches().get(0).writes())
                    .containsExactly(
                            Write.remove(StorageArea.LOCAL, "demo:prefs.color"),
                            Write.set(StorageArea.LOCAL, MARKER, "3"));
            assertThat(access.get(color)).isEqualTo("blue");
            assertThat(access.set(color, "green")).isNotCompleted();
        }
    }

    @Test
    void theFirstWriteOfAFreshStoreSetsTheMarker() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        hydrate(browser, Map.of("demo:other.x", "1"));
        assertThat(browser.pendingBatchIds()).as("an empty store is current").isEmpty();

        access.set(color, "green");
        access.set(size, "l");

        List<WriteBatch> batches = browser.link().pendingBatches();
        assertThat(batches.get(0).writes())
                .containsExactly(
                        Write.set(StorageArea.LOCAL, "demo:prefs.color", "\"green\""),
                        Write.set(StorageArea.LOCAL, MARKER, "3"));
        assertThat(batches.get(1).writes()).containsExactly(Write.set(StorageArea.LOCAL, "demo:prefs.size", "\"l\""));
        assertThat(access.get(color)).isEqualTo("green");
    }

    @Test
    void aPageThatSetsTheMarkerBackOrToGarbageMakesTheStoreReadDefaults() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        hydrate(browser, Map.of(MARKER, "3", "demo:prefs.color", "\"red\""));
        assertThat(access.get(color)).isEqualTo("red");

        browser.link().browserChanged(StorageArea.LOCAL, MARKER, "2");
        assertThat(access.get(color)).isEqualTo("blue");
        assertThat(access.getOrDefault(color)).isEqualTo("blue");
        browser.link().browserChanged(StorageArea.LOCAL, MARKER, "three");
        assertThat(access.get(color)).isEqualTo("blue");
        assertThat(access.set(color, "x")).isCompletedExceptionally();
        browser.link().browserChanged(StorageArea.LOCAL, MARKER, "3");
        assertThat(access.get(color)).isEqualTo("red");
        browser.link().browserChanged(StorageArea.LOCAL, MARKER, null);
        assertThat(access.get(color)).as("keys without a marker are version 1").isEqualTo("blue");
    }

    @Test
    void typedListenersNeverHearAnOlderVersionsValue() {
        Browser browser = browser(prefs3);
        StoreAccess access = new StoreAccess(browser, prefs3);
        List<ValueChange<String>> heard = new ArrayList<>();
        access.onChange(size, heard::add);

        hydrate(browser, version1());
        browser.link().acknowledge(browser.pendingBatchIds().get(0));
        browser.link().browserChanged(StorageArea.LOCAL, "demo:prefs.size", "\"m\"");
        browser.link().browserChanged(StorageArea.LOCAL, MARKER, "1");
        browser.link().browserChanged(StorageArea.LOCAL, "demo:prefs.size", "12");

        assertThat(heard)
                .containsExactly(
                        new ValueChange<>("size", "m", "l", ChangeSource.SERVER_WRITE),
                        new ValueChange<>("size", "l", "m", ChangeSource.BROWSER),
                        new ValueChange<>("size", "m", "m", ChangeSource.BROWSER));
    }

    @Test
    void sessionStoresAreMigratedInEachTab() {
        StoreField<String> step = StoreField.builder(0, StorageArea.SESSION, "step", "wizard.step", Codecs.string())
                .defaultValue("start")
                .build();
        StoreDescriptor wizard = StoreDescriptor.of("demo.Wizard", StorageArea.SESSION, "wizard", step)
                .withVersion(2, 1, values -> values.rename("page", "step"));
        Browser browser = browser(wizard);
        hydrate(browser, Map.of());
        Tab one = browser.tab("tab-one");
        Tab two = browser.tab("tab-two");

        one.link().hydrate(new Snapshot(PAGE, Map.of(), Map.of("demo:wizard.page", "\"pay\""), Map.of()));
        two.link()
                .hydrate(new Snapshot(
                        PAGE, Map.of(), Map.of("demo:wizard", "2", "demo:wizard.step", "\"ship\""), Map.of()));

        assertThat(new StoreAccess(one, wizard).get(step)).isEqualTo("pay");
        assertThat(new StoreAccess(two, wizard).get(step)).isEqualTo("ship");
        assertThat(one.link().pendingBatches().get(0).writes())
                .containsExactly(
                        Write.remove(StorageArea.SESSION, "demo:wizard.page"),
                        Write.set(StorageArea.SESSION, "demo:wizard.step", "\"pay\""),
                        Write.set(StorageArea.SESSION, "demo:wizard", "2"));
        assertThat(two.link().pendingBatches()).isEmpty();
        assertThat(browser.link().pendingBatches()).isEmpty();
    }

    /** A value the migration puts as a record. */
    record Size(int width) {}

    @Test
    void aMigrationPutsAnyValueJacksonWrites() {
        StoreField<Size> sized = StoreField.builder(0, StorageArea.LOCAL, "size", "prefs.size", Codecs.json(Size.class))
                .build();
        StoreDescriptor store = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", sized)
                .withVersion(2, 1, values -> {
                    values.put("size", new Size(values.get("size").orElseThrow().asInt()));
                    values.put("label", TextNode.valueOf("x"));
                });
        Browser browser = browser(store);

        hydrate(browser, Map.of("demo:prefs.size", "12"));

        assertThat(new StoreAccess(browser, store).get(sized)).isEqualTo(new Size(12));
        assertThat(browser.readText(StorageArea.LOCAL, "demo:prefs.label")).contains("\"x\"");
    }

    @Test
    void aValueOfAFieldThatGainedALifetimeIsStoredWithOne() {
        Browser browser = browser(prefs3);

        hydrate(browser, Map.of("demo:prefs.session", "\"abc\""));

        assertThat(browser.readText(StorageArea.LOCAL, "demo:prefs.session"))
                .contains("{\"expires\":" + inAnHour() + ",\"value\":\"abc\"}");
        assertThat(new StoreAccess(browser, prefs3).get(session)).isEqualTo("abc");
    }

    @Test
    void eachStoreOfAnAreaGetsItsOwnBatch() {
        StoreField<Integer> items = StoreField.builder(0, StorageArea.LOCAL, "items", "cart.items", Codecs.integer())
                .defaultValue(0)
                .build();
        StoreDescriptor cart = StoreDescriptor.of("demo.Cart", StorageArea.LOCAL, "cart", items)
                .withVersion(2, 1, values -> values.rename("count", "items"));
        Browser browser = browser(prefs3, cart);
        Map<String, String> local = new HashMap<>(version1());
        local.put("demo:cart.count", "3");

        hydrate(browser, local);

        List<WriteBatch> batches = browser.link().pendingBatches();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1).writes())
                .containsExactly(
                        Write.remove(StorageArea.LOCAL, "demo:cart.count"),
                        Write.set(StorageArea.LOCAL, "demo:cart.items", "3"),
                        Write.set(StorageArea.LOCAL, "demo:cart", "2"));
        assertThat(new StoreAccess(browser, cart).get(items)).isEqualTo(3);
        assertThat(new StoreAccess(browser, prefs3).get(color)).isEqualTo("red");
    }

    @Test
    void versionOneStoresNeverTouchAMarker() {
        StoreDescriptor plain = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", color, size, session);
        Browser browser = browser(plain);
        StoreAccess access = new StoreAccess(browser, plain);

        hydrate(browser, Map.of(MARKER, "7", "demo:prefs.color", "\"red\""));
        access.set(size, "l");

        assertThat(access.get(color)).isEqualTo("red");
        assertThat(browser.link().pendingBatches().get(0).writes())
                .containsExactly(Write.set(StorageArea.LOCAL, "demo:prefs.size", "\"l\""));
    }

    @Test
    void aSignedFieldIsOpenedMigratedAndSealedAgain() throws Exception {
        StoreField<String> role = StoreField.builder(0, StorageArea.LOCAL, "role", "prefs.role", Codecs.string())
                .defaultValue("guest")
                .protection(Protection.SIGNED)
                .build();
        StoreDescriptor store = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", role)
                .withVersion(2, 1, values -> values.rename("rank", "role"));
        var protection = new dev.browserstorage.protect.ValueProtection(
                dev.browserstorage.protect.KeyRing.random(), rejected -> {});
        Browser browser = Browser.builder("b1", "demo")
                .clock(clock)
                .protection(protection)
                .afterHydrate(StoreUpkeep.of(List.of(store), NewerVersionPolicy.KEEP))
                .build();
        String sealed = protection.keys().seal(Protection.SIGNED, "local\nprefs.rank", 0, "\"admin\"");

        hydrate(browser, Map.of("demo:prefs.rank", sealed));

        assertThat(new StoreAccess(browser, store).get(role)).isEqualTo("admin");
        String written = browser.readText(StorageArea.LOCAL, "demo:prefs.role").orElseThrow();
        assertThat(written).startsWith("s.");
        assertThat(protection
                        .keys()
                        .open("local\nprefs.role", written, clock.millis())
                        .text())
                .isEqualTo("\"admin\"");
    }

    @Test
    void aValueSealedWithAnOlderKeyIsSealedAgainWithTheNewestAtHydration() throws Exception {
        StoreField<String> role = StoreField.builder(0, StorageArea.LOCAL, "role", "prefs.role", Codecs.string())
                .defaultValue("guest")
                .protection(Protection.SIGNED)
                .build();
        StoreDescriptor store = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", role);
        byte[] oldSecret = new byte[32];
        byte[] newSecret = new byte[32];
        newSecret[0] = 1;
        var before = dev.browserstorage.protect.KeyRing.of(Map.of("old", oldSecret), "old");
        var now = dev.browserstorage.protect.KeyRing.of(Map.of("old", oldSecret, "new", newSecret), "new");
        Browser browser = Browser.builder("b1", "demo")
                .clock(clock)
                .protection(new dev.browserstorage.protect.ValueProtection(now, rejected -> {}))
                .afterHydrate(StoreUpkeep.of(List.of(store), NewerVersionPolicy.KEEP))
                .build();
        String stale = before.seal(Protection.SIGNED, "local\nprefs.role", 0, "\"admin\"");

        hydrate(browser, Map.of("demo:prefs.role", stale));

        List<Write> writes = browser.link().pendingBatches().get(0).writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).value()).startsWith("s.new.");
        assertThat(now.open("local\nprefs.role", writes.get(0).value(), clock.millis())
                        .stale())
                .isFalse();
        assertThat(new StoreAccess(browser, store).get(role)).isEqualTo("admin");
    }

    @Test
    void aSignedValueOfAFieldNowEncryptedIsEncryptedAtHydration() throws Exception {
        StoreField<String> note = StoreField.builder(0, StorageArea.LOCAL, "note", "prefs.note", Codecs.string())
                .defaultValue("")
                .protection(Protection.ENCRYPTED)
                .build();
        StoreDescriptor store = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", note);
        var keys = dev.browserstorage.protect.KeyRing.of(Map.of("k1", new byte[32]), "k1");
        Browser browser = Browser.builder("b1", "demo")
                .clock(clock)
                .protection(new dev.browserstorage.protect.ValueProtection(keys, rejected -> {}))
                .afterHydrate(StoreUpkeep.of(List.of(store), NewerVersionPolicy.KEEP))
                .build();
        // Written while the field was @Signed: the page could read it, and must not any more.
        String signed = keys.seal(Protection.SIGNED, "local\nprefs.note", 0, "\"door code 4711\"");

        hydrate(browser, Map.of("demo:prefs.note", signed));

        List<Write> writes = browser.link().pendingBatches().get(0).writes();
        assertThat(writes).hasSize(1);
        assertThat(writes.get(0).value()).startsWith("e.k1.").doesNotContain("4711");
        var opened = keys.open("local\nprefs.note", writes.get(0).value(), clock.millis());
        assertThat(opened.protection()).isEqualTo(Protection.ENCRYPTED);
        assertThat(opened.text()).isEqualTo("\"door code 4711\"");
        assertThat(new StoreAccess(browser, store).get(note)).isEqualTo("door code 4711");
    }
}
