package dev.browserstorage.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.DisconnectedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BrowserTest {
    private static final URI PAGE = URI.create("https://shop.example.com/settings");

    private final List<WriteBatch> sent = new ArrayList<>();

    private Browser hydratedSession(StorageLimits limits) {
        Browser session = Browser.builder("b1", "app").limits(limits).build();
        session.link().hydrate(Snapshot.empty(PAGE));
        session.link().connect(sent::add);
        return session;
    }

    private Browser hydratedSession() {
        return hydratedSession(StorageLimits.defaults());
    }

    @Test
    void aSnapshotWithAKeyOutsideTheNamespaceIsRefusedWhole() {
        Browser session = Browser.builder("b1", "app").build();
        Snapshot snapshot = new Snapshot(PAGE, Map.of("app:ok", "1", "other:x", "2"), Map.of(), Map.of());

        assertThatThrownBy(() -> session.link().hydrate(snapshot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other:x")
                .hasMessageContaining("outside the app's namespace");
        assertThat(session.isHydrated()).isFalse();
    }

    @Test
    void aSnapshotOverTheAppsBudgetIsRefused() {
        Browser session = Browser.builder("b1", "app")
                .limits(new StorageLimits(1000, 100, 10))
                .build();
        Snapshot snapshot = new Snapshot(PAGE, Map.of("app:k", "x".repeat(96)), Map.of(), Map.of());

        assertThatThrownBy(() -> session.link().hydrate(snapshot)).hasMessageContaining("101 UTF-16 units");
        assertThat(session.isHydrated()).isFalse();
    }

    @Test
    void theFirstSnapshotFiresNoEventsAndALaterOneFiresTheDifferences() {
        Browser session = Browser.builder("b1", "app").build();
        List<StorageChange> changes = new ArrayList<>();
        session.addPrefixListener(StorageArea.LOCAL, "app:", changes::add);

        session.link().hydrate(new Snapshot(PAGE, Map.of("app:a", "1", "app:b", "2"), Map.of(), Map.of()));
        assertThat(changes).isEmpty();

        session.link().hydrate(new Snapshot(PAGE, Map.of("app:a", "1", "app:c", "3"), Map.of(), Map.of()));
        assertThat(changes)
                .containsExactly(
                        new StorageChange(StorageArea.LOCAL, "app:b", "2", null, ChangeSource.HYDRATION),
                        new StorageChange(StorageArea.LOCAL, "app:c", null, "3", ChangeSource.HYDRATION));
    }

    @Test
    void pendingWritesStayVisibleOverANewSnapshot() {
        Browser session = hydratedSession();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:k", "mine")));

        session.link().hydrate(new Snapshot(PAGE, Map.of("app:k", "theirs"), Map.of(), Map.of()));

        assertThat(session.readText(StorageArea.LOCAL, "app:k")).contains("mine");
    }

    @Test
    void acknowledgementsOfUnknownOrRepeatedIdsChangeNothing() {
        Browser session = hydratedSession();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:k", "1")));

        assertThat(session.link().acknowledge(99)).isFalse();
        assertThat(session.link().fail(99, new StorageUnavailableException(StorageArea.LOCAL, "x")))
                .isFalse();
        assertThat(session.link().acknowledge(1)).isTrue();
        assertThat(session.link().acknowledge(1)).isFalse();
        assertThat(session.readText(StorageArea.LOCAL, "app:k")).contains("1");
    }

    @Test
    void batchesAreSentInIdOrderAndResentInOrderAfterReconnect() {
        Browser session = hydratedSession();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:a", "1")));
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:b", "2")));
        session.link().disconnect();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:c", "3")));
        session.link().acknowledge(1);

        List<WriteBatch> resent = new ArrayList<>();
        session.link().connect(resent::add);

        assertThat(sent).extracting(WriteBatch::id).containsExactly(1L, 2L);
        assertThat(resent).extracting(WriteBatch::id).containsExactly(2L, 3L);
    }

    @Test
    void whenTheCurrentTabClosesTheNewestOtherTabTakesOverWithThePendingBatches() {
        Browser session = hydratedSession(); // connected through 'sent'
        List<WriteBatch> second = new ArrayList<>();
        List<WriteBatch> third = new ArrayList<>();
        Transport secondTab = second::add;
        Transport thirdTab = third::add;
        session.link().connect(secondTab);
        session.link().connect(thirdTab);
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:a", "1")));

        assertThat(session.link().disconnect(secondTab))
                .as("not the current one")
                .isFalse();
        assertThat(session.link().disconnect(thirdTab)).isTrue();

        assertThat(session.isConnected()).as("the first tab is still open").isTrue();
        assertThat(third).extracting(WriteBatch::id).containsExactly(1L);
        assertThat(sent)
                .extracting(WriteBatch::id)
                .as("resent to the tab that took over")
                .containsExactly(1L);
        assertThat(second).isEmpty();
    }

    @Test
    void thePendingBoundRefusesMoreWritesWithoutChangingAnything() {
        Browser session = hydratedSession(new StorageLimits(1000, 100_000, 2));
        session.link().disconnect();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:a", "1"), Write.set(StorageArea.LOCAL, "app:b", "2")));

        assertThatThrownBy(() -> session.write(List.of(Write.set(StorageArea.LOCAL, "app:c", "3"))))
                .isInstanceOf(DisconnectedException.class)
                .hasMessageContaining("while disconnected");
        assertThat(session.readText(StorageArea.LOCAL, "app:c")).isEmpty();
        assertThat(session.pendingBatchIds()).containsExactly(1L);
    }

    @Test
    void aBatchWithOneWriteOverALimitIsRefusedWhole() {
        Browser session = hydratedSession(new StorageLimits(10, 100_000, 100));

        assertThatThrownBy(() -> session.write(List.of(
                        Write.set(StorageArea.LOCAL, "app:a", "ok"),
                        Write.set(StorageArea.LOCAL, "app:b", "much too long"))))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QuotaExceededException.Kind.VALUE_TOO_LARGE);
                    assertThat(e.key()).isEqualTo("app:b");
                    assertThat(e.attempted()).isEqualTo(13);
                    assertThat(e.limit()).isEqualTo(10);
                });
        assertThat(session.entries(StorageArea.LOCAL)).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void theValueLimitCountsUtf8Bytes() {
        Browser session = hydratedSession(new StorageLimits(4, 100_000, 100));

        session.write(List.of(Write.set(StorageArea.LOCAL, "app:a", "\u00e9\u00e9"))); // 4 bytes
        assertThatThrownBy(() -> session.write(List.of(Write.set(StorageArea.LOCAL, "app:b", "\u00e9\u00e9a"))))
                .isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void theAreaBudgetCountsUtf16UnitsOfKeysAndValuesAndFreesOnRemoval() {
        Browser session = hydratedSession(new StorageLimits(1000, 20, 100));
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:k", "12345"))); // 5 + 5 units

        assertThatThrownBy(() -> session.write(List.of(Write.set(StorageArea.LOCAL, "app:j", "123456"))))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QuotaExceededException.Kind.AREA_QUOTA);
                    assertThat(e.attempted()).isEqualTo(21);
                });
        session.write(
                List.of(Write.remove(StorageArea.LOCAL, "app:k"), Write.set(StorageArea.LOCAL, "app:j", "123456")));
        assertThat(session.unitsUsed(StorageArea.LOCAL)).isEqualTo(11);
        assertThat(session.unitsUsed(StorageArea.SESSION)).isZero();
    }

    @Test
    void writesOutsideTheNamespaceAreRefused() {
        Browser session = hydratedSession();

        assertThatThrownBy(() -> session.write(List.of(Write.set(StorageArea.SESSION, "other:k", "1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
    }

    @Test
    void cookieWritesAreCheckedAgainstTheRulesAndThePage() {
        Browser session = hydratedSession();

        assertThatThrownBy(() -> session.write(List.of(Write.setCookie("a;b", "1", CookieOptions.defaults()))))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class, e -> assertThat(e.rule()).isEqualTo(CookieRule.NAME_CHARACTERS));
        CookieOptions otherSite = CookieOptions.builder().domain("example.org").build();
        assertThatThrownBy(() -> session.write(List.of(Write.setCookie("a", "1", otherSite))))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class, e -> assertThat(e.rule()).isEqualTo(CookieRule.DOMAIN_MISMATCH));
        session.write(List.of(Write.setCookie(
                "a", "1", CookieOptions.builder().domain("example.com").build())));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aReservedCookieIsRefusedBeforeAnyOtherRuleAndItsBatchIsRefusedWhole() {
        Browser session = Browser.builder("b1", "app")
                .reservedCookieNames(Set.of("__Host-bs_id"))
                .build();
        session.link().hydrate(Snapshot.empty(PAGE));
        session.link().connect(sent::add);
        CookieOptions asTheFrameworkSetsIt =
                CookieOptions.builder().httpOnly(true).build();

        assertThatThrownBy(() -> session.write(List.of(
                        Write.set(StorageArea.LOCAL, "app:k", "1"),
                        Write.deleteCookie("__Host-bs_id", asTheFrameworkSetsIt))))
                .isInstanceOfSatisfying(InvalidCookieException.class, e -> {
                    assertThat(e.rule()).as("not HTTP_ONLY_FROM_SCRIPT").isEqualTo(CookieRule.RESERVED_NAME);
                    assertThat(e.cookieName()).isEqualTo("__Host-bs_id");
                    assertThat(e.getMessage())
                            .startsWith("Cookie '__Host-bs_id' is browser-storage's own cookie and"
                                    + " cannot be deleted by the application: "
                                    + CookieRule.RESERVED_NAME.description());
                });
        assertThat(sent).isEmpty();
        assertThat(session.readText(StorageArea.LOCAL, "app:k")).isEmpty();
    }

    @Test
    void reservedCookieNamesMatchExactlyAndThereAreNoneByDefault() {
        Browser session = Browser.builder("b1", "app")
                .reservedCookieNames(Set.of("bs_id"))
                .build();
        session.link().hydrate(Snapshot.empty(PAGE));
        session.link().connect(sent::add);

        session.write(List.of(Write.setCookie("BS_ID", "1", CookieOptions.defaults())));

        assertThat(sent).as("another cookie to a browser: bs_id is untouched").hasSize(1);
        assertThat(session.reservedCookieNames()).containsExactly("bs_id");
        assertThat(hydratedSession().reservedCookieNames()).isEmpty();
    }

    @Test
    void onlyCookiesGoOnAnHttpResponse() {
        Browser session = hydratedSession();
        HttpCookies exchange = new HttpCookies() {
            @Override
            public URI requestUrl() {
                return PAGE;
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.empty();
            }

            @Override
            public void setCookie(String name, String value, CookieOptions options) {
                throw new AssertionError("nothing may be written");
            }

            @Override
            public void deleteCookie(String name, CookieOptions options) {
                throw new AssertionError("nothing may be written");
            }
        };

        assertThatThrownBy(() -> session.writeToResponse(
                        exchange,
                        List.of(
                                Write.setCookie("a", "1", CookieOptions.defaults()),
                                Write.set(StorageArea.LOCAL, "app:k", "1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app:k");
    }

    @Test
    void aBrowserChangeUnderAPendingWriteIsConfirmedButTheWriteStaysVisible() {
        Browser session = hydratedSession();
        session.write(List.of(Write.set(StorageArea.LOCAL, "app:k", "server")));

        session.link().browserChanged(StorageArea.LOCAL, "app:k", "tab");
        assertThat(session.readText(StorageArea.LOCAL, "app:k")).contains("server");

        session.link().fail(1, new StorageUnavailableException(StorageArea.LOCAL, "refused"));
        assertThat(session.readText(StorageArea.LOCAL, "app:k"))
                .as("the browser's own value")
                .contains("tab");
    }

    @Test
    void browserChangesOutsideTheNamespaceOrOverTheLimitAreRefusedAndChangeNothing() {
        Browser session = hydratedSession(new StorageLimits(5, 1000, 10));

        assertThatThrownBy(() -> session.link().browserChanged(StorageArea.LOCAL, "evil:k", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.link().browserChanged(StorageArea.LOCAL, "app:k", "123456"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session.entries(StorageArea.LOCAL)).isEmpty();
    }

    @Test
    void listenersSeeOnlyTheirKeysAndAFailingListenerHurtsNoOne() {
        Browser session = hydratedSession();
        List<String> exact = new ArrayList<>();
        List<String> prefixed = new ArrayList<>();
        session.addListener(StorageArea.LOCAL, "app:prefs.theme", c -> {
            throw new IllegalStateException("listener bug");
        });
        Registration registration =
                session.addListener(StorageArea.LOCAL, "app:prefs.theme", c -> exact.add(c.newValue()));
        session.addPrefixListener(StorageArea.LOCAL, "app:prefs.", c -> prefixed.add(c.key()));

        CompletableFuture<Void> done = session.write(List.of(
                        Write.set(StorageArea.LOCAL, "app:prefs.theme", "\"dark\""),
                        Write.set(StorageArea.LOCAL, "app:other", "1")))
                .toCompletableFuture();
        registration.remove();
        session.link().browserChanged(StorageArea.LOCAL, "app:prefs.theme", "\"light\"");
        assertThat(prefixed)
                .as("the pending server write still wins: nothing changed for readers")
                .hasSize(1);
        session.link().acknowledge(1);
        session.link().browserChanged(StorageArea.LOCAL, "app:prefs.theme", "\"light\"");
        session.link().browserChanged(StorageArea.SESSION, "app:prefs.theme", "\"x\"");

        assertThat(exact).containsExactly("\"dark\"");
        assertThat(prefixed).containsExactly("app:prefs.theme", "app:prefs.theme");
        assertThat(done).as("a failing listener does not fail the write").isCompleted();
    }

    @Test
    void closingCompletesAwaitHydratedExceptionallyIfItNeverCame() {
        Browser session = Browser.builder("b1", "app").build();
        CompletableFuture<Void> hydrated = session.awaitHydrated().toCompletableFuture();

        session.close();

        assertThat(hydrated).isCompletedExceptionally();
        assertThatThrownBy(() -> session.link().connect(sent::add)).isInstanceOf(DisconnectedException.class);
    }

    /**
     * Random sequences of writes, acknowledgements, failures, browser changes and snapshots: after
     * every step the session's view must equal confirmed state with the pending batches applied in
     * order, and its usage must equal the size of that view.
     */
    @Test
    void theViewAlwaysEqualsConfirmedStatePlusPendingBatches() {
        Random random = new Random(20261122);
        for (int run = 0; run < 200; run++) {
            Browser session = hydratedSession();
            Map<String, String> confirmed = new HashMap<>();
            TreeMap<Long, List<Write>> pending = new TreeMap<>();
            long nextId = 1;
            for (int step = 0; step < 60; step++) {
                String key = "app:k" + random.nextInt(5);
                switch (random.nextInt(5)) {
                    case 0:
                    case 1:
                        List<Write> writes = new ArrayList<>();
                        for (int i = random.nextInt(3) + 1; i > 0; i--) {
                            String k = "app:k" + random.nextInt(5);
                            writes.add(
                                    random.nextInt(4) == 0
                                            ? Write.remove(StorageArea.LOCAL, k)
                                            : Write.set(StorageArea.LOCAL, k, "v" + random.nextInt(100)));
                        }
                        session.write(writes);
                        pending.put(nextId++, writes);
                        break;
                    case 2:
                        if (!pending.isEmpty()) {
                            long id = random.nextBoolean() ? pending.firstKey() : pending.lastKey();
                            assertThat(session.link().acknowledge(id)).isTrue();
                            apply(confirmed, pending.remove(id));
                        }
                        break;
                    case 3:
                        if (!pending.isEmpty()) {
                            long id = random.nextBoolean() ? pending.firstKey() : pending.lastKey();
                            assertThat(session.link()
                                            .fail(id, new StorageUnavailableException(StorageArea.LOCAL, "no")))
                                    .isTrue();
                            pending.remove(id);
                        }
                        break;
                    default:
                        String value = random.nextInt(3) == 0 ? null : "b" + random.nextInt(100);
                        session.link().browserChanged(StorageArea.LOCAL, key, value);
                        apply(
                                confirmed,
                                List.of(
                                        value == null
                                                ? Write.remove(StorageArea.LOCAL, key)
                                                : Write.set(StorageArea.LOCAL, key, value)));
                }
                Map<String, String> expected = new TreeMap<>(confirmed);
                pending.values().forEach(writes -> apply(expected, writes));
                assertThat(session.entries(StorageArea.LOCAL))
                        .as("run %d step %d", run, step)
                        .isEqualTo(expected);
                long units = expected.entrySet().stream()
                        .mapToLong(e -> e.getKey().length() + e.getValue().length())
                        .sum();
                assertThat(session.unitsUsed(StorageArea.LOCAL)).isEqualTo(units);
            }
        }
    }

    private static void apply(Map<String, String> state, List<Write> writes) {
        for (Write write : writes) {
            if (write.isRemoval()) {
                state.remove(write.key());
            } else {
                state.put(write.key(), write.value());
            }
        }
    }

    // ---------------------------------------------------------------- tabs

    @Test
    void aTabIsMadeOnFirstUseAndKeepsItsOwnSessionStorage() {
        Browser browser = hydratedSession();
        Tab tab = browser.tab("t1");

        assertThat(browser.tab("t1")).isSameAs(tab);
        assertThat(tab.browserId()).isEqualTo(browser.browserId());
        assertThat(tab.isHydrated()).as("until the tab says hello").isFalse();
        tab.link().hydrate(new Snapshot(PAGE, Map.of(), Map.of("app:d", "1"), Map.of()));
        assertThat(tab.readText(StorageArea.SESSION, "app:d")).contains("1");
        assertThat(browser.readText(StorageArea.SESSION, "app:d")).isEmpty();
        assertThat(tab.browser()).isSameAs(browser);
        assertThat(tab.tabId()).isEqualTo("t1");
        assertThatThrownBy(() -> browser.tab("no spaces")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTabHasNoTabsOfItsOwn() {
        // It used to be a Browser whose tab(String) threw; now the type has no tab registry at all.
        assertThat(Tab.class.getMethods())
                .extracting(java.lang.reflect.Method::getName)
                .doesNotContain("tab", "findTab", "tabIds", "dropTabsIdleSince")
                .contains("browser", "tabId");
        assertThat(StorageTarget.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Browser.class, Tab.class);
    }

    @Test
    void aTabInheritsTheReservedCookieNamesOfItsBrowser() {
        Browser browser = Browser.builder("b1", "app")
                .reservedCookieNames(Set.of("__bs_tab", "__bs_id"))
                .build();
        Tab tab = browser.tab("t1");
        tab.link().hydrate(Snapshot.empty(PAGE));
        tab.link().connect(sent::add);

        assertThat(tab.reservedCookieNames()).containsExactly("__bs_id", "__bs_tab");
        assertThatThrownBy(() -> tab.write(List.of(Write.setCookie("__bs_tab", "t2", CookieOptions.defaults()))))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class, e -> assertThat(e.rule()).isEqualTo(CookieRule.RESERVED_NAME));
        assertThat(sent).isEmpty();
    }

    @Test
    void aNewTabOverTheLimitDropsTheDisconnectedTabIdleLongestAndFailsItsWrites() {
        ManualClock clock = new ManualClock();
        Browser browser = Browser.builder("b1", "app")
                .limits(new StorageLimits(1000, 1000, 10, 2))
                .clock(clock)
                .build();
        Tab first = browser.tab("t1");
        CompletableFuture<Void> lost = first.write(List.of(Write.set(StorageArea.SESSION, "app:d", "1")))
                .toCompletableFuture();
        clock.advance(Duration.ofMillis(10));
        browser.tab("t2").link().connect(sent::add);
        clock.advance(Duration.ofMillis(10));

        browser.tab("t3");

        assertThat(browser.tabIds()).containsExactly("t2", "t3");
        assertThatThrownBy(lost::join).hasCauseInstanceOf(DisconnectedException.class);
    }

    @Test
    void tabsIdleSinceACutoffAreDroppedButConnectedOnesStay() {
        ManualClock clock = new ManualClock();
        Browser browser = Browser.builder("b1", "app").clock(clock).build();
        browser.tab("gone");
        Transport live = sent::add;
        browser.tab("live").link().connect(live);
        clock.advance(Duration.ofMinutes(1));
        browser.tab("recent");

        assertThat(browser.dropTabsIdleSince(clock.instant().minusMillis(1000))).isOne();

        assertThat(browser.tabIds()).containsExactlyInAnyOrder("live", "recent");
        assertThat(browser.findTab("gone")).isEmpty();
    }

    @Test
    void closingTheBrowserClosesItsTabs() {
        Browser browser = hydratedSession();
        Tab tab = browser.tab("t1");
        CompletableFuture<Void> pending =
                tab.write(List.of(Write.set(StorageArea.SESSION, "app:d", "1"))).toCompletableFuture();

        browser.close();

        assertThatThrownBy(pending::join).hasCauseInstanceOf(DisconnectedException.class);
        assertThat(browser.tabIds()).isEmpty();
        assertThatThrownBy(() -> browser.tab("t2")).isInstanceOf(DisconnectedException.class);
    }
}
