package dev.browserstorage.untyped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.browser.ExchangeSource;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.protocol.Frames;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The untyped cookie API against the in-memory browser (socket side) and an HTTP exchange. */
class BrowserCookiesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Browser session = Browser.builder("b1", "demo").clock(clock).build();
    private final InMemoryBrowser browser = new InMemoryBrowser(
                    session, URI.create("https://shop.example.com/account/"))
            .preload(StorageArea.COOKIE, "ui_lang", "de")
            .preload(StorageArea.COOKIE, "ui_theme", "dark")
            .preload(StorageArea.COOKIE, "consent", "yes");
    private final BrowserCookies cookies = new BrowserCookies(session);

    private Write lastWrite() {
        return lastWriteOf(browser);
    }

    @Test
    void readsAreWhatTheBrowserSentByNameAllAndByPrefix() {
        browser.connect();

        assertThat(cookies.get("ui_lang")).map(CookieListItem::value).contains("de");
        assertThat(cookies.get("ui_lang").orElseThrow().path())
                .as("document.cookie does not tell")
                .isEmpty();
        assertThat(cookies.get("missing")).isEmpty();
        assertThat(cookies.getAll()).extracting(CookieListItem::name).containsExactly("consent", "ui_lang", "ui_theme");
        assertThat(cookies.getAll("ui_"))
                .extracting(CookieListItem::name, CookieListItem::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ui_lang", "de"),
                        org.assertj.core.groups.Tuple.tuple("ui_theme", "dark"));
        assertThat(cookies.getAll("zz")).isEmpty();
    }

    @Test
    void aReadBeforeTheBrowserSentWhatItHoldsIsNotAnsweredWithNothing() {
        assertThatThrownBy(() -> cookies.get("ui_lang")).isInstanceOf(NotHydratedException.class);
        assertThatThrownBy(cookies::getAll).isInstanceOf(NotHydratedException.class);
    }

    @Test
    void aSetCompletesWhenTheBrowserStoredItAndReadsCarryTheAttributesItWasWrittenWith() {
        browser.connect();
        CookieOptions options = CookieOptions.builder()
                .path("/shop")
                .maxAge(Duration.ofDays(30))
                .sameSite(SameSite.STRICT)
                .build();

        CompletableFuture<Void> done = cookies.set("cart", "3", options).toCompletableFuture();

        assertThat(done).isNotDone();
        assertThat(cookies.get("cart"))
                .map(CookieListItem::value)
                .as("read your own write")
                .contains("3");
        browser.deliver();
        assertThat(done).isCompleted();
        assertThat(browser.storage(StorageArea.COOKIE)).containsEntry("cart", "3");
        CookieListItem cart = cookies.get("cart").orElseThrow();
        assertThat(cart.path()).contains("/shop");
        assertThat(cart.domain()).isEmpty();
        assertThat(cart.sameSite()).contains(SameSite.STRICT);
        assertThat(cart.secure()).contains(true);
        assertThat(cart.partitioned()).contains(false);
        assertThat(cart.expires()).contains(Instant.parse("2026-01-31T00:00:00Z"));
    }

    @Test
    void aMaxAgeOver400DaysIsCappedAt400DaysAsBrowsersDoAndReadsReportTheCap() {
        browser.connect();

        cookies.set(
                "lang",
                "de",
                CookieOptions.builder().maxAge(Duration.ofDays(401)).build());
        browser.deliver();

        assertThat(lastWrite().cookieOptions().maxAge())
                .as("what the batch carries")
                .contains(Duration.ofDays(400));
        assertThat(Frames.batch(browser.received().get(0), false))
                .as("what the frame says")
                .contains("\"maxAge\":34560000");
        CookieListItem lang = cookies.get("lang").orElseThrow();
        assertThat(lang.knownAttributes().flatMap(CookieOptions::maxAge)).contains(Duration.ofDays(400));
        assertThat(lang.expires()).contains(clock.instant().plus(Duration.ofDays(400)));
        assertThat(cookies.getAll())
                .filteredOn(c -> c.name().equals("lang"))
                .singleElement()
                .satisfies(c -> assertThat(c.expires()).contains(Instant.parse("2027-02-05T00:00:00Z")));
    }

    @Test
    void anExpiryTwoYearsAheadIsCappedAt400DaysFromNow() {
        browser.connect();
        Instant twoYears = clock.instant().plus(Duration.ofDays(730));

        cookies.set("lang", "de", CookieOptions.builder().expires(twoYears).build());

        Instant cap = clock.instant().plus(Duration.ofDays(400));
        assertThat(lastWrite().cookieOptions().expires()).contains(cap);
        assertThat(lastWrite().cookieOptions().maxAge()).isEmpty();
        assertThat(cookies.get("lang").orElseThrow().expires()).contains(cap);
        assertThat(cookies.get("lang").orElseThrow().knownAttributes().flatMap(CookieOptions::expires))
                .contains(cap);
    }

    @Test
    void deleteUsesThePathAndDomainTheCookieWasSetWith() {
        browser.connect();
        CookieOptions scoped =
                CookieOptions.builder().path("/account").domain("example.com").build();
        cookies.set("token", "abc", scoped);
        browser.deliver();

        CompletableFuture<Void> done = cookies.delete("token").toCompletableFuture();
        browser.deliver();

        assertThat(done).isCompleted();
        Write deletion = lastWrite();
        assertThat(deletion.isRemoval()).isTrue();
        assertThat(deletion.cookieOptions().path()).isEqualTo("/account");
        assertThat(deletion.cookieOptions().domain()).contains("example.com");
        assertThat(browser.storage(StorageArea.COOKIE)).doesNotContainKey("token");
        assertThat(cookies.get("token")).isEmpty();
    }

    @Test
    void deletingACookieThisServerNeverSetUsesTheDefaultsAndExplicitOptionsWin() {
        browser.connect();

        cookies.delete("consent");
        assertThat(lastWrite().cookieOptions().path()).isEqualTo("/");
        cookies.delete("ui_lang", CookieOptions.builder().path("/settings").build());
        assertThat(lastWrite().cookieOptions().path()).isEqualTo("/settings");
        browser.deliver();

        assertThat(browser.storage(StorageArea.COOKIE)).doesNotContainKeys("consent", "ui_lang");
    }

    @Test
    void maxAgeZeroAndAnExpiryInThePastDelete() {
        browser.connect();

        cookies.set(
                "ui_lang",
                "ignored",
                CookieOptions.builder().maxAge(Duration.ZERO).build());
        assertThat(lastWrite().isRemoval()).isTrue();
        cookies.set(
                "ui_theme",
                "ignored",
                CookieOptions.builder().expires(clock.instant().minusSeconds(1)).build());
        assertThat(lastWrite().isRemoval()).isTrue();
        browser.deliver();

        assertThat(browser.storage(StorageArea.COOKIE)).containsOnlyKeys("consent");
        assertThat(cookies.getAll("ui_")).isEmpty();
    }

    @Test
    void aCookieTheBrowserWouldRefuseFailsAtOnceNamingTheRuleAndNothingIsSent() {
        browser.connect();
        CookieOptions crossSiteInsecure =
                CookieOptions.builder().sameSite(SameSite.NONE).secure(false).build();

        assertThatThrownBy(() -> cookies.set("tracker", "1", crossSiteInsecure))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class,
                        e -> assertThat(e.rule()).isEqualTo(CookieRule.SAMESITE_NONE_REQUIRES_SECURE));
        assertThatThrownBy(() -> cookies.set("bad", "a;b"))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class, e -> assertThat(e.rule()).isEqualTo(CookieRule.VALUE_CHARACTERS));
        assertThat(browser.received()).isEmpty();
        assertThat(cookies.get("tracker")).isEmpty();
    }

    @Test
    void aWriteThatWouldMakeEveryLaterRequestTooLargeIsRefusedFirst() {
        Browser small = Browser.builder("b2", "demo")
                .cookieHeaderBudget(new CookieHeaderBudget(64))
                .build();
        InMemoryBrowser smallBrowser = new InMemoryBrowser(small).preload(StorageArea.COOKIE, "a", "x".repeat(30));
        smallBrowser.connect();
        BrowserCookies smallCookies = new BrowserCookies(small);

        smallCookies.set("b", "y".repeat(20));
        assertThatThrownBy(() -> smallCookies.set("c", "z".repeat(20)))
                .isInstanceOfSatisfying(InvalidCookieException.class, e -> {
                    assertThat(e.rule()).isEqualTo(CookieRule.REQUEST_HEADER_TOO_LARGE);
                    assertThat(e.getMessage())
                            .contains("over the budget of 64 bytes")
                            .contains("quarkus.http.limits.max-header-size");
                });
        assertThat(smallBrowser.received()).hasSize(1);
        smallCookies.set("b", "y").toCompletableFuture();
        smallCookies.set("c", "z".repeat(20));
        assertThat(smallBrowser.received()).as("a smaller value made room").hasSize(3);
    }

    @Test
    void anHttpOnlyCookieOverTheSocketNeedsACommitUrlAndItsValueNeverEntersAFrame() {
        browser.connect();
        CookieOptions httpOnly = CookieOptions.builder().httpOnly(true).build();
        assertThatThrownBy(() -> cookies.set("sid", "secret", httpOnly))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class,
                        e -> assertThat(e.rule()).isEqualTo(CookieRule.HTTP_ONLY_FROM_SCRIPT));

        List<String> issued = new ArrayList<>();
        Browser withCommits = Browser.builder("b3", "demo")
                .httpOnlyCommits((id, name, value, options) -> {
                    issued.add(id + " " + name + " " + value);
                    return "/_storage/cookie/t" + issued.size();
                })
                .build();
        InMemoryBrowser other = new InMemoryBrowser(withCommits);
        other.connect();
        new BrowserCookies(withCommits).set("sid", "secret", httpOnly);

        WriteBatch batch = other.received().get(0);
        String frame = Frames.batch(
                batch,
                false,
                withCommits.browserId(),
                withCommits.httpOnlyCommits().orElseThrow());
        assertThat(frame)
                .contains("\"commit\":\"/_storage/cookie/t1\"")
                .contains("\"httpOnly\":true")
                .doesNotContain("secret");
        assertThat(issued).containsExactly("b3 sid secret");
    }

    @Test
    void anHttpOnlyCookieTheServerWroteSurvivesAReconnectWhoseSnapshotCannotShowIt() {
        Browser withCommits = Browser.builder("b8", "demo")
                .clock(clock)
                .httpOnlyCommits((id, name, value, options) -> "/_storage/cookie/t")
                .build();
        InMemoryBrowser page = new InMemoryBrowser(withCommits);
        page.connect();
        BrowserCookies serverSide = new BrowserCookies(withCommits);
        serverSide.set(
                "sid",
                "secret",
                CookieOptions.builder()
                        .httpOnly(true)
                        .maxAge(Duration.ofMinutes(10))
                        .build());
        page.deliver();
        List<CookieChangeEvent> events = new ArrayList<>();
        serverSide.onChange("sid", events::add);

        // The real glue's hello comes from document.cookie, where an HttpOnly cookie never shows.
        page.disconnect();
        dev.browserstorage.browser.Snapshot hello = new dev.browserstorage.browser.Snapshot(
                URI.create("https://localhost/"),
                java.util.Map.of(),
                java.util.Map.of(),
                java.util.Map.of("other", "1"));
        withCommits.link().hydrate(hello);

        assertThat(serverSide.get("sid")).map(CookieListItem::value).contains("secret");
        assertThat(events).as("no deletion on reconnect").isEmpty();

        clock.advance(Duration.ofMinutes(11));
        withCommits.link().hydrate(hello);
        assertThat(serverSide.get("sid")).as("expired meanwhile").isEmpty();
        assertThat(events)
                .singleElement()
                .satisfies(event -> assertThat(event.deleted()).hasSize(1));
    }

    @Test
    void aCookieForAnotherPathIsNotTakenForDeletedWhenAPageElsewhereReconnects() {
        browser.connect();
        cookies.set("cart", "3", CookieOptions.builder().path("/shop").build());
        cookies.set("lang", "fr", CookieOptions.builder().path("/account").build());
        browser.deliver();

        // document.cookie on /account/ shows 'lang' (and the preloaded ones) but never '/shop' cookies.
        session.link()
                .hydrate(new dev.browserstorage.browser.Snapshot(
                        URI.create("https://shop.example.com/account/"),
                        java.util.Map.of(),
                        java.util.Map.of(),
                        java.util.Map.of("consent", "yes")));

        assertThat(cookies.get("cart"))
                .as("its path does not cover the page")
                .map(CookieListItem::value)
                .contains("3");
        assertThat(cookies.get("lang"))
                .as("its path covers the page, which would show it: deleted")
                .isEmpty();
        assertThat(cookies.get("ui_lang")).as("never written by this server").isEmpty();
    }

    @Test
    void listenersReceiveChangedAndDeletedListsByNameAndByPrefix() {
        browser.connect();
        List<CookieChangeEvent> lang = new ArrayList<>();
        List<CookieChangeEvent> ui = new ArrayList<>();
        cookies.onChange("ui_lang", lang::add);
        Registration registration = cookies.onPrefixChange("ui_", ui::add);

        browser.changeInBrowser(StorageArea.COOKIE, "ui_lang", "fr");
        browser.changeInBrowser(StorageArea.COOKIE, "ui_theme", null);
        browser.changeInBrowser(StorageArea.COOKIE, "consent", "no");
        cookies.set("ui_font", "big");
        registration.remove();
        browser.changeInBrowser(StorageArea.COOKIE, "ui_theme", "light");

        assertThat(lang).hasSize(1);
        assertThat(lang.get(0).changed())
                .extracting(CookieListItem::name, CookieListItem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ui_lang", "fr"));
        assertThat(lang.get(0).deleted()).isEmpty();
        assertThat(lang.get(0).source()).isEqualTo(ChangeSource.BROWSER);
        assertThat(ui).hasSize(3);
        assertThat(ui.get(1).changed()).isEmpty();
        assertThat(ui.get(1).deleted())
                .extracting(CookieListItem::name, CookieListItem::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ui_theme", "dark"));
        assertThat(ui.get(2).source()).isEqualTo(ChangeSource.SERVER_WRITE);
        assertThat(ui.get(2).changed().get(0).path()).as("this server wrote it").contains("/");
    }

    @Test
    void aHostileBrowserCannotReportACookieNoBrowserWouldHold() {
        browser.connect();

        assertThatThrownBy(() -> session.link().browserChanged(StorageArea.COOKIE, "big", "x".repeat(5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("over the 4096");
        assertThatThrownBy(() -> session.link().browserChanged(StorageArea.COOKIE, "a", "b;c=d"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cookies.get("big")).isEmpty();
    }

    @Test
    void theDevAllowanceDropsSecureOnPlainHttpLocalhostOnlyWhereNoRuleNeedsIt() {
        Browser dev =
                Browser.builder("b4", "demo").insecureLocalhostCookies(true).build();
        InMemoryBrowser local = new InMemoryBrowser(dev, URI.create("http://localhost:8080/"));
        local.connect();
        BrowserCookies devCookies = new BrowserCookies(dev);

        devCookies.set("lang", "de");
        assertThat(lastWriteOf(local).cookieOptions().secure())
                .as("Safari keeps it")
                .isFalse();
        devCookies.set("__Host-sid", "1");
        assertThat(lastWriteOf(local).cookieOptions().secure())
                .as("the prefix needs Secure")
                .isTrue();
        devCookies.set(
                "embed", "1", CookieOptions.builder().sameSite(SameSite.NONE).build());
        assertThat(lastWriteOf(local).cookieOptions().secure())
                .as("SameSite=None needs Secure")
                .isTrue();
        devCookies.delete("lang");
        assertThat(lastWriteOf(local).cookieOptions().secure())
                .as("deleted as it was set")
                .isFalse();

        Browser overHttps =
                Browser.builder("b5", "demo").insecureLocalhostCookies(true).build();
        InMemoryBrowser secure = new InMemoryBrowser(overHttps, URI.create("https://localhost/"));
        secure.connect();
        new BrowserCookies(overHttps).set("lang", "de");
        assertThat(lastWriteOf(secure).cookieOptions().secure())
                .as("only plain http")
                .isTrue();

        Browser off = Browser.builder("b6", "demo").build();
        InMemoryBrowser plain = new InMemoryBrowser(off, URI.create("http://localhost:8080/"));
        plain.connect();
        new BrowserCookies(off).set("lang", "de");
        assertThat(lastWriteOf(plain).cookieOptions().secure())
                .as("Secure by default")
                .isTrue();

        Browser remote =
                Browser.builder("b7", "demo").insecureLocalhostCookies(true).build();
        InMemoryBrowser elsewhere = new InMemoryBrowser(remote, URI.create("http://shop.example.com/"));
        elsewhere.connect();
        assertThatThrownBy(() -> new BrowserCookies(remote).set("lang", "de"))
                .as("never beyond loopback: a Secure cookie from plain http is still refused")
                .isInstanceOfSatisfying(
                        InvalidCookieException.class,
                        e -> assertThat(e.rule()).isEqualTo(CookieRule.SECURE_ON_INSECURE_ORIGIN));
    }

    @Test
    void theFrameworksOwnCookiesCanBeNeitherSetNorDeletedAndNothingIsSent() {
        Browser guarded = Browser.builder("b9", "demo")
                .reservedCookieNames(Set.of("__Host-bs_id", "__bs_tab"))
                .build();
        InMemoryBrowser page = new InMemoryBrowser(guarded).preload(StorageArea.COOKIE, "__bs_tab", "t1");
        page.connect();
        BrowserCookies app = new BrowserCookies(guarded);

        assertReserved(() -> app.set("__bs_tab", "t2"), "__bs_tab", "set");
        assertReserved(
                () -> app.set(
                        "__Host-bs_id",
                        "forged",
                        CookieOptions.builder().httpOnly(true).build()),
                "__Host-bs_id",
                "set");
        assertReserved(
                () -> app.set(
                        "__bs_tab",
                        "",
                        CookieOptions.builder().maxAge(Duration.ZERO).build()),
                "__bs_tab",
                "deleted");
        assertReserved(() -> app.delete("__bs_tab"), "__bs_tab", "deleted");
        assertReserved(() -> app.delete("__Host-bs_id", CookieOptions.defaults()), "__Host-bs_id", "deleted");

        assertThat(page.received()).isEmpty();
        assertThat(app.get("__bs_tab")).map(CookieListItem::value).contains("t1");
    }

    /** Fails unless the call is refused as a write of a reserved cookie, named, saying what was attempted. */
    static void assertReserved(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String name, String attempt) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidCookieException.class, e -> {
            assertThat(e.rule()).isEqualTo(CookieRule.RESERVED_NAME);
            assertThat(e.cookieName()).isEqualTo(name);
            assertThat(e.getMessage())
                    .contains("'" + name + "' is browser-storage's own cookie and cannot be " + attempt);
        });
    }

    private static Write lastWriteOf(InMemoryBrowser browser) {
        List<WriteBatch> received = browser.received();
        WriteBatch batch = received.get(received.size() - 1);
        return batch.writes().get(batch.writes().size() - 1);
    }

    /** Inside an HTTP exchange: the request's cookies, Set-Cookie on the response. */
    @Nested
    class InAnHttpExchange {
        final TreeMap<String, String> request = new TreeMap<>();
        final List<String> setCookies = new ArrayList<>();
        final TreeMap<String, String> jar = new TreeMap<>();
        final HttpCookies exchange = new HttpCookies() {
            @Override
            public URI requestUrl() {
                return URI.create("https://shop.example.com/account/settings");
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.ofNullable(cookies().get(name));
            }

            @Override
            public SortedMap<String, String> cookies() {
                TreeMap<String, String> all = new TreeMap<>(request);
                all.putAll(jar);
                all.values().removeIf(String::isEmpty);
                return all;
            }

            @Override
            public void setCookie(String name, String value, CookieOptions options) {
                setCookies.add(dev.browserstorage.cookie.SetCookieHeader.format(name, value, options));
                jar.put(name, value);
            }

            @Override
            public void deleteCookie(String name, CookieOptions options) {
                setCookies.add(dev.browserstorage.cookie.SetCookieHeader.formatDeletion(name, options));
                jar.put(name, "");
            }
        };
        final BrowserCookies http = inExchange(session);

        /** The untyped cookies of a browser, inside this exchange. */
        BrowserCookies inExchange(Browser browser) {
            return new BrowserCookies(new ExchangeSource(browser, exchange));
        }

        @Test
        void readsComeFromTheRequestHttpOnlyIncludedWithoutWaitingForThePage() {
            request.put("sid", "s3cr3t");
            request.put("ui_lang", "de");

            assertThat(http.get("sid")).map(CookieListItem::value).contains("s3cr3t");
            assertThat(http.getAll("ui_")).extracting(CookieListItem::name).containsExactly("ui_lang");
        }

        @Test
        void writesAreSetCookieHeadersHttpOnlyAllowedAndDeleteRemembersThePath() {
            CookieOptions session = CookieOptions.builder()
                    .path("/account")
                    .httpOnly(true)
                    .maxAge(Duration.ofHours(1))
                    .build();

            CompletableFuture<Void> set =
                    http.set("__Secure-sid", "s3cr3t", session).toCompletableFuture();
            CompletableFuture<Void> deleted = http.delete("__Secure-sid").toCompletableFuture();

            assertThat(set).isCompleted();
            assertThat(deleted).isCompleted();
            assertThat(setCookies)
                    .containsExactly(
                            "__Secure-sid=s3cr3t; Path=/account; Max-Age=3600; Secure; HttpOnly; SameSite=Lax",
                            "__Secure-sid=; Path=/account; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly;"
                                    + " SameSite=Lax");
        }

        @Test
        void aLifetimeOver400DaysIsCappedInTheSetCookieHeaderAndInWhatReadsReport() {
            http.set(
                    "lang",
                    "de",
                    CookieOptions.builder().maxAge(Duration.ofDays(401)).build());
            http.set(
                    "region",
                    "eu",
                    CookieOptions.builder()
                            .expires(clock.instant().plus(Duration.ofDays(730)))
                            .build());

            assertThat(setCookies)
                    .containsExactly(
                            "lang=de; Path=/; Max-Age=34560000; Secure; SameSite=Lax",
                            "region=eu; Path=/; Expires=Fri, 05 Feb 2027 00:00:00 GMT; Secure; SameSite=Lax");
            assertThat(http.get("lang").orElseThrow().knownAttributes().flatMap(CookieOptions::maxAge))
                    .contains(Duration.ofDays(400));
            assertThat(http.getAll())
                    .extracting(CookieListItem::name, CookieListItem::expires)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "lang", Optional.of(Instant.parse("2027-02-05T00:00:00Z"))),
                            org.assertj.core.groups.Tuple.tuple(
                                    "region", Optional.of(Instant.parse("2027-02-05T00:00:00Z"))));
        }

        @Test
        void theFrameworksOwnCookiesAreRefusedOnTheResponseTooHttpOnlyOrNot() {
            request.put("__Host-bs_id", "id-of-this-browser");
            BrowserCookies guarded = inExchange(Browser.builder("b9", "demo")
                    .reservedCookieNames(Set.of("__Host-bs_id", "__bs_tab"))
                    .build());

            assertReserved(
                    () -> guarded.set(
                            "__Host-bs_id",
                            "forged",
                            CookieOptions.builder().httpOnly(true).build()),
                    "__Host-bs_id",
                    "set");
            assertReserved(() -> guarded.delete("__Host-bs_id"), "__Host-bs_id", "deleted");
            assertReserved(() -> guarded.set("__bs_tab", "t2"), "__bs_tab", "set");

            assertThat(setCookies).isEmpty();
            assertThat(guarded.get("__Host-bs_id")).map(CookieListItem::value).contains("id-of-this-browser");
        }

        @Test
        void theRulesAndTheHeaderBudgetAreCheckedAgainstTheRequestFirst() {
            request.put("big", "x".repeat(16_000));

            assertThatThrownBy(() -> http.set(
                            "lang",
                            "de",
                            CookieOptions.builder().domain("other.example").build()))
                    .isInstanceOfSatisfying(
                            InvalidCookieException.class,
                            e -> assertThat(e.rule()).isEqualTo(CookieRule.DOMAIN_MISMATCH));
            assertThatThrownBy(() -> http.set("more", "y".repeat(1000)))
                    .isInstanceOfSatisfying(
                            InvalidCookieException.class,
                            e -> assertThat(e.rule()).isEqualTo(CookieRule.REQUEST_HEADER_TOO_LARGE));
            assertThat(setCookies).isEmpty();
        }
    }
}
