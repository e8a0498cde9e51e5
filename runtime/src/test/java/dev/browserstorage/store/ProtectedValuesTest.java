package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.ExchangeSource;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.RejectedValue;
import dev.browserstorage.protect.RejectedValue.Reason;
import dev.browserstorage.protect.SealException;
import dev.browserstorage.protect.ValueProtection;
import dev.browserstorage.store.HttpCookieWritesTest.Exchange;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code @Signed} and {@code @Encrypted} fields through a store: sealed on every write above the
 * codec and the lifetime envelope, opened on every read, and a value that does not open read as the
 * default and reported once per stored text.
 */
class ProtectedValuesTest {
    private static final String ROLE_KEY = "demo:prefs.role";
    private static final String TOKEN_KEY = "demo:prefs.token";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final KeyRing ring = ring("k1");
    private final List<RejectedValue> events = new ArrayList<>();
    private final Browser session = Browser.builder("b1", "demo")
            .clock(clock)
            .protection(new ValueProtection(ring, events::add))
            .build();
    private final InMemoryBrowser browser = new InMemoryBrowser(session);

    private final StoreField<String> role = StoreField.builder(
                    0, StorageArea.LOCAL, "role", "prefs.role", Codecs.string())
            .defaultValue("guest")
            .protection(Protection.SIGNED)
            .build();
    private final StoreField<String> token = StoreField.builder(
                    1, StorageArea.LOCAL, "token", "prefs.token", Codecs.string())
            .defaultValue("")
            .protection(Protection.ENCRYPTED)
            .build();
    private final StoreField<String> note = StoreField.builder(
                    2, StorageArea.LOCAL, "note", "prefs.note", Codecs.string())
            .defaultValue("")
            .ttl(Duration.ofMinutes(5))
            .protection(Protection.ENCRYPTED)
            .build();
    private final StoreAccess prefs =
            new StoreAccess(session, StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", role, token, note));

    private static KeyRing ring(String... ids) {
        Map<String, byte[]> keys = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            byte[] secret = new byte[32];
            Arrays.fill(secret, (byte) id.hashCode());
            keys.put(id, secret);
        }
        return KeyRing.of(keys, ids[ids.length - 1]);
    }

    private String stored(StorageArea area, String key) {
        return session.readText(area, key).orElseThrow();
    }

    private String open(String binding, String sealed) throws SealException {
        return ring.open(binding, sealed, clock.millis()).text();
    }

    @Test
    void signedAndEncryptedLocalValuesAreSealedAboveTheCodecAndReadBack() throws Exception {
        browser.connect();
        prefs.set(role, "admin");
        prefs.set(token, "secret-token");

        String signed = stored(StorageArea.LOCAL, ROLE_KEY);
        assertThat(signed).startsWith("s.k1..").endsWith(".\"admin\"");
        assertThat(open("local\nprefs.role", signed)).isEqualTo("\"admin\"");
        String encrypted = stored(StorageArea.LOCAL, TOKEN_KEY);
        assertThat(encrypted).startsWith("e.k1..").doesNotContain("secret-token");
        assertThat(open("local\nprefs.token", encrypted)).isEqualTo("\"secret-token\"");

        assertThat(prefs.get(role)).isEqualTo("admin");
        assertThat(prefs.get(token)).isEqualTo("secret-token");
        assertThat(prefs.isSet(token)).isTrue();
        browser.deliver();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry(TOKEN_KEY, encrypted);
        assertThat(prefs.get(token)).isEqualTo("secret-token");

        // A new snapshot of the same texts (the next page) opens them again.
        browser.disconnect();
        browser.connect();
        assertThat(prefs.get(role)).isEqualTo("admin");
        assertThat(prefs.get(token)).isEqualTo("secret-token");
        assertThat(events).isEmpty();
    }

    @Test
    void aBatchWritingBackTheSameValueSendsNothing() {
        browser.connect();
        prefs.set(role, "admin");
        assertThat(prefs.batch().set(role, "admin").set(token, "").size()).isZero();
        assertThat(prefs.batch().set(role, "root").size()).isOne();
    }

    @Test
    void aTamperedValueInTheSnapshotReadsAsTheDefaultAndIsReportedOnce() {
        browser.connect();
        prefs.set(role, "user");
        browser.deliver();
        String sealed = stored(StorageArea.LOCAL, ROLE_KEY);
        String forged = sealed.replace("\"user\"", "\"admin\"");
        browser.disconnect();
        browser.preload(StorageArea.LOCAL, ROLE_KEY, forged);
        browser.connect();

        for (int i = 0; i < 3; i++) {
            assertThat(prefs.get(role)).isEqualTo("guest");
            assertThat(prefs.getOrDefault(role)).isEqualTo("guest");
            assertThat(prefs.isSet(role)).isFalse();
        }
        assertThat(events)
                .containsExactly(new RejectedValue("demo.Prefs", "role", StorageArea.LOCAL, ROLE_KEY, Reason.TAMPERED));

        // The next write repairs it.
        prefs.set(role, "user");
        assertThat(prefs.get(role)).isEqualTo("user");
        assertThat(events).hasSize(1);
    }

    @Test
    void theWarningNamesTheFieldAndTheReasonButNeverTheValue() {
        StoreField<Integer> pin = StoreField.builder(0, StorageArea.LOCAL, "pin", "vault.pin", Codecs.integer())
                .defaultValue(0)
                .protection(Protection.ENCRYPTED)
                .build();
        StoreAccess vault = new StoreAccess(session, StoreDescriptor.of("demo.Vault", StorageArea.LOCAL, "vault", pin));
        browser.preload(
                StorageArea.LOCAL,
                "demo:vault.pin",
                ring.seal(Protection.ENCRYPTED, "local\nvault.pin", 0, "\"secret-4711\""));
        browser.preload(StorageArea.LOCAL, ROLE_KEY, "s.k1.." + "A".repeat(43) + ".\"secret-role\"");
        List<String> warnings = new ArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(StoreAccess.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        try {
            browser.connect();
            // Authentic, but not an Integer (the field's type changed): unreadable, its text kept out of the log.
            assertThat(vault.get(pin)).isZero();
            assertThat(prefs.get(role)).isEqualTo("guest");
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(warnings).hasSize(2).noneMatch(warning -> warning.contains("secret"));
        assertThat(warnings.get(1))
                .contains("demo.Prefs.role", "local", ROLE_KEY, "TAMPERED")
                .doesNotContain("k1..AAAA");
        assertThat(events).extracting(RejectedValue::field).containsExactly("role");
    }

    @Test
    void readersRacingToATamperedValueReportItOnce() throws Exception {
        List<RejectedValue> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Browser shared = Browser.builder("b4", "demo")
                .protection(new ValueProtection(ring, seen::add))
                .build();
        new InMemoryBrowser(shared)
                .preload(StorageArea.LOCAL, ROLE_KEY, "\"admin\"")
                .preload(StorageArea.LOCAL, TOKEN_KEY, "e.k1..forged")
                .connect();
        StoreAccess store = new StoreAccess(shared, prefs.descriptor());
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                reads.add(readers.submit(() -> {
                    start.await();
                    assertThat(store.get(role)).isEqualTo("guest");
                    assertThat(store.isSet(token)).isFalse();
                    assertThat(store.get(token)).isEmpty();
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> read : reads) {
                read.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(seen).extracting(RejectedValue::field).containsExactlyInAnyOrder("role", "token");
    }

    @Test
    void aValueSealedWithTheOtherProtectionOpensAndIsStale() throws Exception {
        String signed = ring.seal(Protection.SIGNED, "local\nprefs.token", 0, "\"t\"");
        browser.preload(StorageArea.LOCAL, TOKEN_KEY, signed).connect();
        // Only this server makes either: the field was @Signed before it was @Encrypted.
        assertThat(prefs.get(token)).isEqualTo("t");
        assertThat(StoredText.decode(
                                token, "demo.Prefs", TOKEN_KEY, signed, Long.MAX_VALUE, session.protection(), 0, false)
                        .stale())
                .isTrue();
        assertThat(events).isEmpty();
    }

    @Test
    void aValueWrittenByAPageScriptIsNotSealed() {
        browser.preload(StorageArea.LOCAL, ROLE_KEY, "\"admin\"");
        browser.connect();

        assertThat(prefs.get(role)).isEqualTo("guest");
        assertThat(prefs.get(role)).isEqualTo("guest");
        assertThat(events).extracting(RejectedValue::reason).containsExactly(Reason.NOT_SEALED);
    }

    @Test
    void aSealedValueCopiedToAnotherKeyDoesNotOpen() {
        browser.connect();
        prefs.set(token, "secret-token");
        browser.deliver();
        // The token's sealed text copied into role: it does not open there.
        browser.changeInBrowser(
                StorageArea.LOCAL,
                ROLE_KEY,
                stored(StorageArea.LOCAL, TOKEN_KEY).replace("e.", "s."));
        assertThat(prefs.get(role)).isEqualTo("guest");
        browser.changeInBrowser(StorageArea.LOCAL, ROLE_KEY, stored(StorageArea.LOCAL, TOKEN_KEY));
        assertThat(prefs.get(role)).isEqualTo("guest");
        assertThat(events).extracting(RejectedValue::reason).containsExactly(Reason.NOT_SEALED, Reason.TAMPERED);
    }

    @Test
    void aTamperedBrowserChangeIsReportedOnceWhateverReadsIt() {
        List<String> heard = new ArrayList<>();
        browser.connect();
        prefs.onChange(role, change -> heard.add(change.newValue()));
        prefs.onChange(role, change -> heard.add(change.newValue()));
        prefs.set(role, "user");
        browser.deliver();
        heard.clear();

        String forged = stored(StorageArea.LOCAL, ROLE_KEY).replace("\"user\"", "\"root\"");
        browser.changeInBrowser(StorageArea.LOCAL, ROLE_KEY, forged);

        assertThat(heard).containsExactly("guest", "guest");
        // Reported by the listeners' reading of it, before any get: once for both of them.
        assertThat(events).hasSize(1);
        assertThat(prefs.get(role)).isEqualTo("guest");
        assertThat(prefs.get(role)).isEqualTo("guest");
        assertThat(events)
                .containsExactly(new RejectedValue("demo.Prefs", "role", StorageArea.LOCAL, ROLE_KEY, Reason.TAMPERED));
    }

    @Test
    void aRefusalReportThatThrowsDoesNotReachTheReader() {
        Browser throwing = Browser.builder("b2", "demo")
                .protection(new ValueProtection(ring, rejected -> {
                    throw new IllegalStateException("observer failed");
                }))
                .build();
        new InMemoryBrowser(throwing)
                .preload(StorageArea.LOCAL, ROLE_KEY, "\"admin\"")
                .connect();
        StoreAccess store = new StoreAccess(throwing, prefs.descriptor());
        assertThat(store.get(role)).isEqualTo("guest");
    }

    @Test
    void theLifetimeIsSealedIntoTheValue() throws Exception {
        browser.connect();
        prefs.set(note, "call back");
        long expiresAt = clock.millis() + Duration.ofMinutes(5).toMillis();
        String sealed = stored(StorageArea.LOCAL, "demo:prefs.note");
        assertThat(sealed).startsWith("e.k1." + expiresAt / 1000 + ".");
        assertThat(open("local\nprefs.note", sealed))
                .isEqualTo("{\"expires\":" + expiresAt + ",\"value\":\"call back\"}");
        assertThat(prefs.get(note)).isEqualTo("call back");

        prefs.set(note, "later", Duration.ofMinutes(1));
        assertThat(stored(StorageArea.LOCAL, "demo:prefs.note"))
                .startsWith("e.k1." + (clock.millis() / 1000 + 60) + ".");

        clock.advance(Duration.ofMinutes(2));
        assertThat(prefs.get(note)).isEmpty();
        assertThat(prefs.isSet(note)).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void aLocalValuePastItsLifetimeInALaterSnapshotIsAnOrdinaryExpiry() {
        browser.connect();
        prefs.set(note, "call back");
        browser.deliver();
        browser.disconnect();
        clock.advance(Duration.ofMinutes(6));
        browser.connect();

        assertThat(prefs.get(note)).isEmpty();
        assertThat(prefs.isSet(note)).isFalse();
        assertThat(events).isEmpty();
        // Dropped, as an expired value without protection is.
        assertThat(browser.inbox()).flatMap(WriteBatch::writes).singleElement().satisfies(write -> {
            assertThat(write.key()).isEqualTo("demo:prefs.note");
            assertThat(write.isRemoval()).isTrue();
        });
    }

    @Test
    void aCookieReplayedAfterItsSealedExpiryIsRefusedAsExpired() {
        browser.connect();
        StoreAccess auth = cookieStore("sid", Protection.SIGNED, Duration.ofHours(1));
        auth.set(sid(auth), "abc");
        browser.deliver();
        browser.disconnect();
        clock.advance(Duration.ofHours(2));
        // The browser dropped it after an hour; someone kept a copy and sends it again.
        browser.connect();

        assertThat(auth.get(sid(auth))).isEqualTo("none");
        assertThat(auth.get(sid(auth))).isEqualTo("none");
        assertThat(events)
                .containsExactly(new RejectedValue("demo.Auth", "sid", StorageArea.COOKIE, "sid", Reason.EXPIRED));
    }

    @Test
    void aValueSealedWithAnOlderKeyStillOpens() throws Exception {
        KeyRing old = ring("k0");
        Browser rotated = Browser.builder("b3", "demo")
                .clock(clock)
                .protection(new ValueProtection(ring("k0", "k1"), events::add))
                .build();
        new InMemoryBrowser(rotated)
                .preload(StorageArea.LOCAL, ROLE_KEY, old.seal(Protection.SIGNED, "local\nprefs.role", 0, "\"admin\""))
                .preload(
                        StorageArea.LOCAL,
                        TOKEN_KEY,
                        ring("k9").seal(Protection.ENCRYPTED, "local\nprefs.token", 0, "\"t\""))
                .connect();
        StoreAccess store = new StoreAccess(rotated, prefs.descriptor());

        assertThat(store.get(role)).isEqualTo("admin");
        assertThat(store.get(token)).isEmpty();
        // Opened with the older key: stale, for the hydration to seal it again with the newest.
        StoredText.Decoded decoded = StoredText.decode(
                role,
                "demo.Prefs",
                ROLE_KEY,
                rotated.readText(StorageArea.LOCAL, ROLE_KEY).orElseThrow(),
                Long.MAX_VALUE,
                rotated.protection(),
                clock.millis(),
                false);
        assertThat(decoded.stale()).isTrue();
        String resealed = StoredText.reseal(
                role,
                rotated.readText(StorageArea.LOCAL, ROLE_KEY).orElseThrow(),
                rotated.protection(),
                clock.millis());
        assertThat(resealed).startsWith("s.k1..").endsWith(".\"admin\"");
        assertThat(ring.open("local\nprefs.role", resealed, clock.millis()).stale())
                .isFalse();
        assertThat(events).extracting(RejectedValue::reason).containsExactly(Reason.UNKNOWN_KEY);

        store.set(role, "user");
        assertThat(rotated.readText(StorageArea.LOCAL, ROLE_KEY).orElseThrow()).startsWith("s.k1.");
    }

    @Test
    void sessionValuesAreSealedWithTheirBrowsersKeys() throws Exception {
        StoreField<String> step = StoreField.builder(0, StorageArea.SESSION, "step", "wizard.step", Codecs.string())
                .defaultValue("start")
                .protection(Protection.SIGNED)
                .build();
        Tab tab = session.tab("t1");
        browser.connect();
        tab.link()
                .hydrate(new dev.browserstorage.browser.Snapshot(
                        java.net.URI.create("https://localhost/"),
                        Map.of(),
                        Map.of("demo:wizard.step", "\"pay\""),
                        Map.of()));
        StoreAccess wizard = new StoreAccess(
                KeptValuesTest.source(() -> session, () -> tab),
                StoreDescriptor.of("demo.Wizard", StorageArea.SESSION, "wizard", step));

        assertThat(wizard.get(step)).isEqualTo("start");
        assertThat(events)
                .containsExactly(new RejectedValue(
                        "demo.Wizard", "step", StorageArea.SESSION, "demo:wizard.step", Reason.NOT_SEALED));

        wizard.set(step, "ship");
        String sealed = tab.readText(StorageArea.SESSION, "demo:wizard.step").orElseThrow();
        assertThat(open("session\nwizard.step", sealed)).isEqualTo("\"ship\"");
        assertThat(wizard.get(step)).isEqualTo("ship");
        assertThat(events).hasSize(1);
    }

    // ---------------------------------------------------------------- cookies

    private StoreAccess cookieStore(BrowserSource source, String name, Protection protection, CookieOptions options) {
        StoreField<String> field = StoreField.builder(0, StorageArea.COOKIE, "sid", name, Codecs.string())
                .defaultValue("none")
                .cookie(options)
                .protection(protection)
                .build();
        return new StoreAccess(source, StoreDescriptor.of("demo.Auth", StorageArea.COOKIE, "", field));
    }

    /** A store bound to the test's browser, of one protected cookie living {@code maxAge}. */
    private StoreAccess cookieStore(String name, Protection protection, Duration maxAge) {
        return cookieStore(
                session,
                name,
                protection,
                CookieOptions.builder().maxAge(maxAge).build());
    }

    @SuppressWarnings("unchecked")
    private static StoreField<String> sid(StoreAccess store) {
        return (StoreField<String>) store.descriptor().fields().get(0);
    }

    @Test
    void sealedCookiesPassTheCookieRulesAndOpen() throws Exception {
        browser.connect();
        for (Protection protection : List.of(Protection.SIGNED, Protection.ENCRYPTED)) {
            StoreAccess auth = cookieStore(
                    session, "auth_" + protection.name().toLowerCase(), protection, CookieOptions.defaults());
            auth.set(sid(auth), "a b;c\"d,é");
            browser.deliver();
            String value = browser.storage(StorageArea.COOKIE)
                    .get("auth_" + protection.name().toLowerCase());
            assertThat(value).matches("[!#-+\\--:<-\\[\\]-~]+"); // RFC 6265 cookie-octets
            assertThat(value).startsWith(protection == Protection.SIGNED ? "s.k1.." : "e.k1..");
            assertThat(auth.get(sid(auth))).isEqualTo("a b;c\"d,é");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aCookiesMaxAgeIsItsSealedExpiryCappedAt400Days() {
        browser.connect();
        long now = clock.millis() / 1000;
        StoreAccess day = cookieStore("c_day", Protection.SIGNED, Duration.ofDays(1));
        day.set(sid(day), "x");
        assertThat(stored(StorageArea.COOKIE, "c_day")).startsWith("s.k1." + (now + 86_400) + ".");
        StoreAccess long_ = cookieStore("c_long", Protection.ENCRYPTED, Duration.ofDays(500));
        long_.set(sid(long_), "x");
        assertThat(stored(StorageArea.COOKIE, "c_long")).startsWith("e.k1." + (now + 400 * 86_400L) + ".");
        StoreAccess at = cookieStore(
                session,
                "c_at",
                Protection.SIGNED,
                CookieOptions.builder().expires(clock.instant().plusSeconds(90)).build());
        at.set(sid(at), "x");
        assertThat(stored(StorageArea.COOKIE, "c_at")).startsWith("s.k1." + (now + 90) + ".");
    }

    @Test
    void aCookieWithASealedExpiryIsNotKeptPastIt() {
        browser.connect();
        StoreAccess auth = cookieStore("sid", Protection.SIGNED, Duration.ofHours(1));
        auth.set(sid(auth), "abc");
        browser.deliver();
        assertThat(auth.get(sid(auth))).isEqualTo("abc");
        assertThat(auth.getOrDefault(sid(auth))).isEqualTo("abc");

        clock.advance(Duration.ofHours(2));

        assertThat(auth.get(sid(auth))).isEqualTo("none");
        assertThat(auth.getOrDefault(sid(auth))).isEqualTo("none");
    }

    @Test
    void aSealedCookieOver4096BytesIsRefusedWithTheUsualException() {
        browser.connect();
        StoreAccess auth = cookieStore(session, "sid", Protection.ENCRYPTED, CookieOptions.defaults());
        String value = "x".repeat(3500); // fits unsealed (3503 bytes with the name), not sealed
        assertThatThrownBy(() -> auth.set(sid(auth), value))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class,
                        e -> assertThat(e.rule()).isEqualTo(CookieRule.NAME_VALUE_TOO_LONG));
        assertThat(browser.received()).flatMap(WriteBatch::writes).isEmpty();
        StoreAccess plain = cookieStore(session, "sid", Protection.NONE, CookieOptions.defaults());
        plain.set(sid(plain), value);
    }

    @Test
    void insideAnHttpRequestSealedCookiesAreWrittenAndReadAndRefusalsReportedOnce() throws Exception {
        Exchange exchange = new Exchange();
        StoreAccess auth =
                cookieStore(new ExchangeSource(session, exchange), "sid", Protection.SIGNED, CookieOptions.defaults());
        auth.set(sid(auth), "abc");
        assertThat(exchange.setCookies).singleElement().asString().startsWith("sid=s.k1..");
        assertThat(open("cookie\nsid", exchange.written.get("sid").orElseThrow()))
                .isEqualTo("abc");
        assertThat(auth.get(sid(auth))).isEqualTo("abc");
        assertThat(auth.isSet(sid(auth))).isTrue();

        Exchange forged = new Exchange();
        forged.request.put("sid", exchange.written.get("sid").orElseThrow().replace(".abc", ".xyz"));
        StoreAccess forgedAuth =
                cookieStore(new ExchangeSource(session, forged), "sid", Protection.SIGNED, CookieOptions.defaults());
        for (int i = 0; i < 3; i++) {
            assertThat(forgedAuth.get(sid(forgedAuth))).isEqualTo("none");
            assertThat(forgedAuth.isSet(sid(forgedAuth))).isFalse();
        }
        assertThat(events)
                .containsExactly(new RejectedValue("demo.Auth", "sid", StorageArea.COOKIE, "sid", Reason.TAMPERED));
        assertThat(session.isHydrated()).isFalse();
    }

    @Test
    void theRefusedTextsRememberedForHttpReadsAreBounded() {
        Exchange exchange = new Exchange();
        StoreAccess auth =
                cookieStore(new ExchangeSource(session, exchange), "sid", Protection.SIGNED, CookieOptions.defaults());
        for (int i = 0; i <= StoredText.RefusedTexts.SIZE; i++) {
            exchange.request.put("sid", "forged-" + i);
            assertThat(auth.get(sid(auth))).isEqualTo("none");
            assertThat(auth.get(sid(auth))).isEqualTo("none");
        }
        assertThat(events).hasSize(StoredText.RefusedTexts.SIZE + 1);
        // The first has been forgotten to make room: it is reported again; the last is still known.
        exchange.request.put("sid", "forged-0");
        auth.get(sid(auth));
        exchange.request.put("sid", "forged-" + StoredText.RefusedTexts.SIZE);
        auth.get(sid(auth));
        assertThat(events).hasSize(StoredText.RefusedTexts.SIZE + 2);
    }

    @Test
    void theOverheadOfASealedCookieIsWithinTheDesignsBound() {
        browser.connect();
        StoreAccess auth = cookieStore("sid", Protection.ENCRYPTED, Duration.ofDays(30));
        String value = "y".repeat(100);
        auth.set(sid(auth), value);
        int sealed = stored(StorageArea.COOKIE, "sid").getBytes(StandardCharsets.UTF_8).length;
        assertThat((long) sealed).isLessThanOrEqualTo(KeyRing.maxSealedBytes(Protection.ENCRYPTED, value.length()));
        assertThat(browser.received())
                .flatMap(WriteBatch::writes)
                .extracting(Write::key)
                .contains("sid");
    }
}
