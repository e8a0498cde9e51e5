package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.session.BrowserSession;
import dev.browserstorage.session.HttpCookies;
import dev.browserstorage.session.SessionSource;
import dev.browserstorage.session.WriteBatch;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A typed cookie field's writes as the browser will hold them, over the socket and in an HTTP
 * response: the store built here is what the processor generates for {@code @Cookie(maxAge =
 * "P500D")}.
 */
class TypedCookieWritesTest {
    private static final CookieOptions FIVE_HUNDRED_DAYS = CookieOptions.builder().maxAge(Duration.parse("P500D")).build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final BrowserSession session = BrowserSession.builder("b1", "demo").clock(clock).build();

    private static StoreAccess store(SessionSource source, String name, CookieOptions options) {
        StoreField<String> field = StoreField.builder(0, StorageArea.COOKIE, "lang", name, Codecs.string())
                .defaultValue("en").cookie(options).build();
        return new StoreAccess(source, StoreDescriptor.of("demo.Ui", StorageArea.COOKIE, "", field));
    }

    @SuppressWarnings("unchecked")
    private static StoreField<String> field(StoreAccess store) {
        return (StoreField<String>) store.descriptor().fields().get(0);
    }

    @Test
    void aDeclaredMaxAgeOver400DaysIsWrittenAs400DaysOverTheSocket() {
        InMemoryBrowser browser = new InMemoryBrowser(session);
        browser.connect();
        StoreAccess store = store(session, "ui_lang", FIVE_HUNDRED_DAYS);

        store.set(field(store), "fr");
        store.batch().set(field(store), "de").commit();

        assertThat(browser.received()).flatMap(WriteBatch::writes)
                .allSatisfy(write -> assertThat(write.cookieOptions().maxAge()).contains(Duration.ofDays(400)))
                .hasSize(2);
        assertThat(session.cookieAttributes("ui_lang").orElseThrow().expiresAt())
                .contains(clock.instant().plus(Duration.ofDays(400)));
    }

    @Test
    void aDeclaredMaxAgeOver400DaysIsWrittenAs400DaysInAnHttpResponse() {
        List<String> setCookies = new ArrayList<>();
        StoreAccess store = store(inExchange(setCookies), "ui_lang", FIVE_HUNDRED_DAYS);

        store.set(field(store), "fr");

        assertThat(setCookies).containsExactly("ui_lang=fr; Path=/; Max-Age=34560000; Secure; SameSite=Lax");
        assertThat(session.cookieAttributes("ui_lang").orElseThrow().options().maxAge()).contains(Duration.ofDays(400));
    }

    /** The session inside an HTTP exchange on https://shop.example.com/ that records its Set-Cookie headers. */
    private SessionSource inExchange(List<String> setCookies) {
        HttpCookies exchange = new HttpCookies() {
            @Override
            public URI requestUrl() {
                return URI.create("https://shop.example.com/settings");
            }

            @Override
            public Optional<String> cookie(String name) {
                return Optional.empty();
            }

            @Override
            public void setCookie(String name, String value, CookieOptions options) {
                setCookies.add(dev.browserstorage.cookie.SetCookieHeader.format(name, value, options));
            }

            @Override
            public void deleteCookie(String name, CookieOptions options) {
                setCookies.add(dev.browserstorage.cookie.SetCookieHeader.formatDeletion(name, options));
            }
        };
        return new SessionSource() {
            @Override
            public String appId() {
                return "demo";
            }

            @Override
            public BrowserSession current() {
                return session;
            }

            @Override
            public Optional<HttpCookies> httpCookies() {
                return Optional.of(exchange);
            }
        };
    }
}
