package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.DisconnectedException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.store.ValueChange;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample app's POJOs, compiled by the real processor, driving their generated stores against an
 * in-memory browser: what application code sees, and what reaches the browser.
 */
class GeneratedStoresTest {
    private static final String APP = "demo";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private Browser session;
    private InMemoryBrowser browser;
    private PreferencesStore prefs;

    @BeforeEach
    void connect() {
        session = Browser.builder("browser-1", APP).clock(clock).build();
        browser = new InMemoryBrowser(session);
        prefs = new PreferencesStore(session);
    }

    @Test
    void readsBeforeTheBrowserSentItsSnapshotAreRefusedNotAnsweredWithTheDefault() {
        assertThat(prefs.isHydrated()).isFalse();
        assertThatThrownBy(prefs::getTheme)
                .isInstanceOf(NotHydratedException.class)
                .hasMessageContaining("awaitHydrated");
        CompletionStage<Void> hydrated = prefs.awaitHydrated();

        browser.connect();

        assertThat(hydrated.toCompletableFuture()).isCompleted();
        assertThat(prefs.getTheme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void absentKeysReadAsTheFieldInitializers() {
        browser.connect();

        assertThat(prefs.getTheme()).isEqualTo(Theme.LIGHT);
        assertThat(prefs.getFontSize()).isEqualTo(14);
        assertThat(prefs.getLanguage()).isEqualTo("en");
        assertThat(prefs.getRecentSearches()).isEmpty();
        assertThat(prefs.theme().isSet()).isFalse();
        Preferences whole = prefs.get();
        assertThat(whole.theme).isEqualTo(Theme.LIGHT);
        assertThat(whole.fontSize).isEqualTo(14);
    }

    @Test
    void storedValuesFromTheSnapshotAreReadTyped() {
        browser.preload(StorageArea.LOCAL, "demo:prefs.theme", "\"DARK\"")
                .preload(StorageArea.LOCAL, "demo:prefs.fontSize", "18")
                .preload(StorageArea.LOCAL, "demo:prefs.recentSearches", "[\"jackson\",\"quarkus\"]")
                .preload(StorageArea.LOCAL, "other-app:prefs.theme", "\"SYSTEM\"");
        browser.connect();

        assertThat(prefs.getTheme()).isEqualTo(Theme.DARK);
        assertThat(prefs.getFontSize()).isEqualTo(18);
        assertThat(prefs.getRecentSearches()).containsExactly("jackson", "quarkus");
        assertThat(session.entries(StorageArea.LOCAL)).doesNotContainKey("other-app:prefs.theme");
    }

    @Test
    void aWriteIsReadBackAtOnceAndCompletesOnlyWhenTheBrowserAcknowledges() {
        browser.connect();

        CompletableFuture<Void> done = prefs.setTheme(Theme.DARK).toCompletableFuture();

        assertThat(prefs.getTheme()).as("read-your-own-write before the ack").isEqualTo(Theme.DARK);
        assertThat(done).isNotDone();
        assertThat(browser.storage(StorageArea.LOCAL)).doesNotContainKey("demo:prefs.theme");
        assertThat(browser.inbox()).hasSize(1);

        assertThat(browser.deliver()).isEqualTo(1);

        assertThat(done).isCompleted();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.theme", "\"DARK\"");
        assertThat(session.pendingBatchIds()).isEmpty();
    }

    @Test
    void aFailedWriteIsTakenBackAndFailsItsStageWithTheTypedException() {
        browser.preload(StorageArea.LOCAL, "demo:prefs.fontSize", "16");
        browser.connect();
        List<ValueChange<Integer>> changes = new ArrayList<>();
        prefs.fontSize().onChange(changes::add);

        CompletableFuture<Void> done = prefs.setFontSize(20).toCompletableFuture();
        assertThat(prefs.getFontSize()).isEqualTo(20);
        browser.failNext(new StorageUnavailableException(StorageArea.LOCAL, "SecurityError: storage is disabled"));

        assertThat(done).isCompletedExceptionally();
        assertThatThrownBy(done::join).hasCauseInstanceOf(StorageUnavailableException.class);
        assertThat(prefs.getFontSize())
                .as("rolled back to what the browser holds")
                .isEqualTo(16);
        assertThat(changes).extracting(ValueChange::newValue).containsExactly(20, 16);
        assertThat(changes)
                .extracting(ValueChange::source)
                .containsExactly(ChangeSource.SERVER_WRITE, ChangeSource.ROLLBACK);
    }

    @Test
    void aBrowserQuotaErrorFailsTheStageAndRollsBackOnlyThatWrite() {
        browser.quota(200);
        browser.connect();

        CompletableFuture<Void> small = prefs.setLanguage("de").toCompletableFuture();
        CompletableFuture<Void> large =
                prefs.setRecentSearches(List.of("x".repeat(300))).toCompletableFuture();
        browser.deliver();

        assertThat(small).isCompleted();
        assertThatThrownBy(large::join).hasCauseInstanceOf(QuotaExceededException.class);
        assertThat(((QuotaExceededException) large.handle((ok, e) -> e.getCause() == null ? e : e.getCause())
                                .join())
                        .kind())
                .isEqualTo(QuotaExceededException.Kind.BROWSER_QUOTA);
        assertThat(prefs.getLanguage()).isEqualTo("de");
        assertThat(prefs.getRecentSearches()).isEmpty();
        assertThat(browser.storage(StorageArea.LOCAL)).containsOnlyKeys("demo:prefs.language");
    }

    @Test
    void aLaterWriteSurvivesTheRollbackOfAnEarlierOneToTheSameKey() {
        browser.connect();
        prefs.setLanguage("fr");
        prefs.setLanguage("it");
        List<WriteBatch> sent = browser.inbox();

        browser.failNext(new StorageUnavailableException(StorageArea.LOCAL, "refused"));

        assertThat(prefs.getLanguage())
                .as("the pending 'it' still wins over the failed 'fr'")
                .isEqualTo("it");
        browser.deliver();
        assertThat(sent).hasSize(2);
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.language", "\"it\"");
    }

    @Test
    void aTamperedValueReadsAsTheDefaultAndTheNextWriteRepairsIt() {
        browser.preload(StorageArea.LOCAL, "demo:prefs.fontSize", "\"huge\"")
                .preload(StorageArea.LOCAL, "demo:prefs.theme", "\"NEON\"")
                .preload(StorageArea.LOCAL, "demo:prefs.recentSearches", "{not json");
        browser.connect();

        assertThat(prefs.getFontSize()).isEqualTo(14);
        assertThat(prefs.getTheme()).isEqualTo(Theme.LIGHT);
        assertThat(prefs.getRecentSearches()).isEmpty();

        prefs.update(p -> p.fontSize = 15);
        browser.deliver();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.fontSize", "15");
    }

    @Test
    void updateSendsOnlyTheChangedFieldsInOneBatch() {
        browser.preload(StorageArea.LOCAL, "demo:prefs.language", "\"de\"");
        browser.connect();

        prefs.update(p -> {
            p.theme = Theme.DARK;
            p.recentSearches = List.of("redis");
        });

        assertThat(browser.inbox()).hasSize(1);
        WriteBatch batch = browser.inbox().get(0);
        assertThat(batch.writes())
                .extracting(w -> w.key())
                .containsExactly("demo:prefs.theme", "demo:prefs.recentSearches");
        assertThat(prefs.update(p -> p.language = "de").toCompletableFuture())
                .as("nothing changed: nothing sent, done at once")
                .isCompleted();
        assertThat(browser.inbox()).hasSize(1);
    }

    @Test
    void aValueOverOneMebibyteIsRefusedAtOnceAndNothingIsSent() {
        browser.connect();
        String big = "x".repeat((int) StorageLimits.DEFAULT_MAX_VALUE_BYTES);

        assertThatThrownBy(() -> prefs.setLanguage(big)).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.kind()).isEqualTo(QuotaExceededException.Kind.VALUE_TOO_LARGE);
            assertThat(e.attempted()).isEqualTo(StorageLimits.DEFAULT_MAX_VALUE_BYTES + 2);
        });
        assertThat(browser.received()).isEmpty();
        assertThat(prefs.getLanguage()).isEqualTo("en");
    }

    @Test
    void anAppOverFiveMebibytesIsRefusedAtOnceAndNothingIsSent() {
        browser.connect();
        // Fill the area with raw writes of just under 1 MiB each, then overflow with a typed write.
        String chunk = "y".repeat(1_000_000);
        for (int i = 0; i < 5; i++) {
            session.write(List.of(dev.browserstorage.browser.Write.set(StorageArea.LOCAL, "demo:filler" + i, chunk)));
        }
        browser.deliver();
        int sentBefore = browser.received().size();

        assertThatThrownBy(() -> prefs.setLanguage("z".repeat(300_000)))
                .isInstanceOfSatisfying(
                        QuotaExceededException.class,
                        e -> assertThat(e.kind()).isEqualTo(QuotaExceededException.Kind.AREA_QUOTA));
        assertThat(browser.received()).hasSize(sentBefore);
        assertThat(session.unitsUsed(StorageArea.LOCAL)).isLessThanOrEqualTo(StorageLimits.DEFAULT_MAX_AREA_UNITS);
    }

    @Test
    void browserSideChangesReachTypedListeners() {
        browser.connect();
        List<ValueChange<Theme>> changes = new ArrayList<>();
        prefs.theme().onChange(changes::add);

        browser.changeInBrowser(StorageArea.LOCAL, "demo:prefs.theme", "\"SYSTEM\"");

        assertThat(prefs.getTheme()).isEqualTo(Theme.SYSTEM);
        assertThat(changes)
                .containsExactly(new ValueChange<>("theme", Theme.LIGHT, Theme.SYSTEM, ChangeSource.BROWSER));
    }

    @Test
    void writesMadeWhileDisconnectedAreDeliveredOnConnectAndAppliedOnce() {
        browser.connect();
        browser.disconnect();

        CompletableFuture<Void> offline = prefs.setTheme(Theme.DARK).toCompletableFuture();
        assertThat(browser.received()).isEmpty();
        browser.connect();
        assertThat(browser.received()).hasSize(1);
        browser.applyAndDropConnection(); // stored, but the ack is lost with the connection
        assertThat(offline).as("not acknowledged, so not reported done").isNotDone();

        browser.connect(); // the batch is sent again under the same id
        assertThat(browser.received()).extracting(WriteBatch::id).containsExactly(1L, 1L);
        browser.deliver();

        assertThat(offline).isCompleted();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.theme", "\"DARK\"");
        assertThat(prefs.getTheme()).isEqualTo(Theme.DARK);
    }

    @Test
    void closingTheSessionFailsUnacknowledgedWritesAndRefusesNewOnes() {
        browser.connect();
        CompletableFuture<Void> pending = prefs.setFontSize(30).toCompletableFuture();

        session.close();

        assertThatThrownBy(pending::join).hasCauseInstanceOf(DisconnectedException.class);
        assertThatThrownBy(() -> prefs.setFontSize(31)).isInstanceOf(DisconnectedException.class);
    }

    @Test
    void clearRemovesEveryStoredFieldInOneBatch() {
        browser.preload(StorageArea.LOCAL, "demo:prefs.theme", "\"DARK\"")
                .preload(StorageArea.LOCAL, "demo:prefs.fontSize", "20");
        browser.connect();

        prefs.clear();
        browser.deliver();

        assertThat(browser.received()).hasSize(1);
        assertThat(browser.storage(StorageArea.LOCAL)).isEmpty();
        assertThat(prefs.getTheme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void sessionStorageValuesExpireAfterTheirTtlAndAreDropped() {
        SessionDraftStore draft = new SessionDraftStore(session);
        browser.connect();

        draft.setBody("Dear team,");
        browser.deliver();
        String stored = browser.storage(StorageArea.SESSION).get("demo:draft.text");
        assertThat(stored)
                .isEqualTo("{\"expires\":"
                        + Instant.parse("2026-01-01T01:00:00Z").toEpochMilli() + ",\"value\":\"Dear team,\"}");
        assertThat(draft.getBody()).isEqualTo("Dear team,");

        clock.advance(Duration.ofMinutes(59));
        assertThat(draft.getBody()).isEqualTo("Dear team,");
        clock.advance(Duration.ofMinutes(1));
        assertThat(draft.getBody()).as("expired: reads as the default").isEmpty();
        assertThat(draft.body().isSet()).isFalse();
        browser.deliver();
        assertThat(browser.storage(StorageArea.SESSION))
                .as("and dropped from the browser")
                .doesNotContainKey("demo:draft.text");
    }

    @Test
    void aTtlPerWriteOverridesTheDeclaredOne() {
        SessionDraftStore draft = new SessionDraftStore(session);
        browser.connect();

        draft.subject().set("Hi", Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(6));

        assertThat(draft.getSubject()).isEmpty();
    }

    @Test
    void cookieFieldsAreWrittenWithTheirDeclaredAttributes() {
        ConsentCookiesStore consent = new ConsentCookiesStore(session);
        browser.connect();

        consent.update(c -> {
            c.analytics = true;
            c.bannerDismissed = true;
        });

        WriteBatch batch = browser.inbox().get(0);
        assertThat(batch.writes())
                .extracting(w -> w.key(), w -> w.value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("consent_analytics", "true"),
                        org.assertj.core.groups.Tuple.tuple("consent_bannerDismissed", "true"));
        assertThat(batch.writes().get(0).cookieOptions().maxAge()).contains(Duration.ofDays(365));
        assertThat(batch.writes().get(1).cookieOptions().maxAge()).contains(Duration.ofDays(30));
        assertThat(batch.writes().get(0).cookieOptions().secure()).isTrue();
        browser.deliver();
        assertThat(browser.storage(StorageArea.COOKIE)).containsEntry("consent_analytics", "true");
        assertThat(consent.isAnalytics()).isTrue();
        assertThat(consent.isMarketing()).isFalse();
    }
}
