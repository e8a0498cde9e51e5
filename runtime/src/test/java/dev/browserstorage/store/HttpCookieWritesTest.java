package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.ExchangeSource;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Cookie fields inside an HTTP exchange: read from the request, written as Set-Cookie, checked first. */
class HttpCookieWritesTest {
    /** An exchange on a page, recording the headers it would send. */
    static final class Exchange implements HttpCookies {
        final Map<String, String> request = new HashMap<>();
        final List<String> setCookies = new ArrayList<>();
        final Map<String, Optional<String>> written = new HashMap<>();
        final List<CookieOptions> options = new ArrayList<>();

        @Override
        public URI requestUrl() {
            return URI.create("https://shop.example.com/api/consent");
        }

        @Override
        public Optional<String> cookie(String name) {
            return written.containsKey(name) ? written.get(name) : Optional.ofNullable(request.get(name));
        }

        @Override
        public void setCookie(String name, String value, CookieOptions options) {
            setCookies.add(name + "=" + value);
            written.put(name, Optional.of(value));
            this.options.add(options);
        }

        @Override
        public void deleteCookie(String name, CookieOptions options) {
            setCookies.add(name + "=; Max-Age=0");
            written.put(name, Optional.empty());
            this.options.add(options);
        }
    }

    private final Exchange exchange = new Exchange();
    private final Browser session = Browser.builder("b1", "demo").build();
    private final BrowserSource source = new ExchangeSource(session, exchange);

    private static StoreAccess store(BrowserSource source, CookieOptions options) {
        return store(source, "ui_lang", options);
    }

    /** A store of one String cookie field, {@code lang}, under a cookie name. */
    static StoreAccess store(BrowserSource source, String name, CookieOptions options) {
        StoreField<String> lang = StoreField.builder(0, StorageArea.COOKIE, "lang", name, Codecs.string())
                .defaultValue("en")
                .cookie(options)
                .build();
        return new StoreAccess(source, StoreDescriptor.of("demo.Ui", StorageArea.COOKIE, "", lang));
    }

    @SuppressWarnings("unchecked")
    static StoreField<String> lang(StoreAccess store) {
        return (StoreField<String>) store.descriptor().fields().get(0);
    }

    @Test
    void readsComeFromTheRequestAndWritesBecomeSetCookieWithoutAnySocket() {
        exchange.request.put("ui_lang", "de");
        StoreAccess store = store(source, CookieOptions.defaults());

        assertThat(store.get(lang(store)))
                .as("no hydration needed: the request carries it")
                .isEqualTo("de");
        assertThat(store.set(lang(store), "fr").toCompletableFuture()).isCompleted();
        assertThat(store.get(lang(store)))
                .as("read-your-own-write within the exchange")
                .isEqualTo("fr");
        store.remove(lang(store));

        assertThat(exchange.setCookies).containsExactly("ui_lang=fr", "ui_lang=; Max-Age=0");
        assertThat(store.get(lang(store))).isEqualTo("en");
        assertThat(session.isHydrated()).isFalse();
    }

    @Test
    void aCookieTheBrowserWouldRefuseFailsWithTheRuleAndNothingIsWritten() {
        StoreAccess store =
                store(source, CookieOptions.builder().domain("other.example").build());

        assertThatThrownBy(() -> store.set(lang(store), "fr"))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class, e -> assertThat(e.rule()).isEqualTo(CookieRule.DOMAIN_MISMATCH));
        assertThat(exchange.setCookies).isEmpty();
    }

    @Test
    void aDeclaredMaxAgeOver400DaysIsWrittenAs400Days() {
        StoreAccess store = store(
                source, CookieOptions.builder().maxAge(Duration.parse("P500D")).build());

        store.set(lang(store), "fr");

        assertThat(exchange.options)
                .singleElement()
                .satisfies(options -> assertThat(options.maxAge()).contains(Duration.ofDays(400)));
        assertThat(session.cookieAttributes("ui_lang").orElseThrow().options().maxAge())
                .contains(Duration.ofDays(400));
    }

    @Test
    void aFieldNamedLikeTheFrameworksOwnCookieCanBeNeitherWrittenNorRemoved() {
        Browser guarded = Browser.builder("b2", "demo")
                .reservedCookieNames(Set.of("__Host-bs_id"))
                .build();
        CookieOptions asTheFrameworkSetsIt =
                CookieOptions.builder().httpOnly(true).build();
        StoreAccess store = store(new ExchangeSource(guarded, exchange), "__Host-bs_id", asTheFrameworkSetsIt);

        for (ThrowingCallable write :
                List.<ThrowingCallable>of(() -> store.set(lang(store), "forged"), () -> store.remove(lang(store)))) {
            assertThatThrownBy(write)
                    .isInstanceOfSatisfying(
                            InvalidCookieException.class,
                            e -> assertThat(e.rule()).isEqualTo(CookieRule.RESERVED_NAME));
        }
        assertThat(exchange.setCookies).isEmpty();
    }
}
