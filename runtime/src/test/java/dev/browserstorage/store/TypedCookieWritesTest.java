package dev.browserstorage.store;

import static dev.browserstorage.store.HttpCookieWritesTest.lang;
import static dev.browserstorage.store.HttpCookieWritesTest.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A typed cookie field's writes over the socket: written as the browser will hold them (a field
 * declared with a maxAge of P500D is what the processor generates for {@code @Cookie(maxAge =
 * "P500D")}), and refused when they would touch the framework's own cookie. {@link
 * HttpCookieWritesTest} has the same for the HTTP road.
 */
class TypedCookieWritesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aDeclaredMaxAgeOver400DaysIsWrittenAs400Days() {
        Browser session = Browser.builder("b1", "demo").clock(clock).build();
        InMemoryBrowser browser = new InMemoryBrowser(session);
        browser.connect();
        StoreAccess store = store(
                session,
                "ui_lang",
                CookieOptions.builder().maxAge(Duration.parse("P500D")).build());

        store.set(lang(store), "fr");
        store.batch().set(lang(store), "de").commit();

        assertThat(browser.received())
                .flatMap(WriteBatch::writes)
                .hasSize(2)
                .allSatisfy(write -> assertThat(write.cookieOptions().maxAge()).contains(Duration.ofDays(400)));
        assertThat(session.cookieAttributes("ui_lang").orElseThrow().expiresAt())
                .contains(clock.instant().plus(Duration.ofDays(400)));
    }

    @Test
    void aFieldNamedLikeTheFrameworksOwnCookieCanBeNeitherWrittenNorRemoved() {
        Browser guarded = Browser.builder("b2", "demo")
                .reservedCookieNames(Set.of("__bs_tab"))
                .build();
        InMemoryBrowser browser = new InMemoryBrowser(guarded);
        browser.connect();
        StoreAccess store = store(guarded, "__bs_tab", CookieOptions.defaults());

        for (ThrowingCallable write : List.<ThrowingCallable>of(
                () -> store.set(lang(store), "t2"),
                () -> store.remove(lang(store)),
                () -> store.batch().set(lang(store), "t3").commit())) {
            assertThatThrownBy(write)
                    .isInstanceOfSatisfying(
                            InvalidCookieException.class,
                            e -> assertThat(e.rule()).isEqualTo(CookieRule.RESERVED_NAME));
        }
        assertThat(browser.received()).isEmpty();
    }
}
