package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.testing.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Reads that never wait for the browser ({@link StoreAccess#getOrDefault}, {@link
 * StoreAccess#known()}): the value where the server knows it, the default where it does not, and no
 * exception either way.
 */
class KnownReadsTest {
    private static final URI PAGE = URI.create("https://shop.example.com/settings");

    private final ManualClock clock = new ManualClock();
    private final Browser session = Browser.builder("b1", "demo").clock(clock).build();

    private final StoreField<String> theme = StoreField.builder(
                    0, StorageArea.LOCAL, "theme", "prefs.theme", Codecs.string())
            .defaultValue("light")
            .build();
    private final StoreField<Integer> fontSize = StoreField.builder(
                    1, StorageArea.LOCAL, "fontSize", "prefs.fontSize", Codecs.integer())
            .defaultValue(14)
            .build();
    private final StoreAccess prefs =
            new StoreAccess(session, StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", theme, fontSize));

    @Test
    void beforeTheSnapshotEveryFieldReadsItsDefaultAndNothingIsKnown() {
        assertThat(prefs.known()).isFalse();
        assertThat(prefs.known(theme)).isFalse();
        assertThat(prefs.getOrDefault(theme)).isEqualTo("light");
        assertThat(prefs.getOrDefault(fontSize)).isEqualTo(14);
        assertThatThrownBy(() -> prefs.get(theme)).isInstanceOf(NotHydratedException.class);
    }

    @Test
    void beforeTheSnapshotAServerWriteIsKnownAndReadBackWhileTheOtherFieldsStayDefaults() {
        prefs.set(theme, "dark");

        assertThat(prefs.known()).isFalse();
        assertThat(prefs.known(theme)).isTrue();
        assertThat(prefs.known(fontSize)).isFalse();
        assertThat(prefs.getOrDefault(theme)).isEqualTo("dark");
        assertThat(prefs.getOrDefault(fontSize)).isEqualTo(14);
    }

    @Test
    void beforeTheSnapshotAPendingRemovalIsKnownAsTheDefault() {
        prefs.set(theme, "dark");
        prefs.remove(theme);

        assertThat(prefs.known(theme)).isTrue();
        assertThat(prefs.getOrDefault(theme)).isEqualTo("light");
    }

    @Test
    void afterTheSnapshotTheBrowsersValuesAreReadWithPendingWritesOverThem() {
        prefs.set(fontSize, 20);
        session.link()
                .hydrate(new Snapshot(
                        PAGE, Map.of("demo:prefs.theme", "\"dark\"", "demo:prefs.fontSize", "16"), Map.of(), Map.of()));

        assertThat(prefs.known()).isTrue();
        assertThat(prefs.getOrDefault(theme)).isEqualTo("dark").isEqualTo(prefs.get(theme));
        assertThat(prefs.getOrDefault(fontSize)).isEqualTo(20);
    }

    @Test
    void aValueWrittenWithALifetimeThatRunsOutBeforeTheSnapshotReadsAsTheDefault() {
        StoreField<String> note = StoreField.builder(0, StorageArea.LOCAL, "note", "notes.note", Codecs.string())
                .defaultValue("")
                .ttl(Duration.ofMinutes(5))
                .build();
        StoreAccess notes =
                new StoreAccess(session, StoreDescriptor.of("demo.Notes", StorageArea.LOCAL, "notes", note));
        notes.set(note, "call back");
        assertThat(notes.getOrDefault(note)).isEqualTo("call back");

        clock.advance(Duration.ofMinutes(6));

        assertThat(notes.getOrDefault(note)).isEmpty();
    }

    @Test
    void aSessionStoreInACallThatNamesNoTabReadsDefaults() {
        StoreField<String> step = StoreField.builder(0, StorageArea.SESSION, "step", "wizard.step", Codecs.string())
                .defaultValue("start")
                .build();
        BrowserSource noTab = new Source(
                () -> session,
                () -> {
                    throw new NotHydratedException("no tab named");
                },
                null);
        StoreAccess wizard =
                new StoreAccess(noTab, StoreDescriptor.of("demo.Wizard", StorageArea.SESSION, "wizard", step));
        session.link().hydrate(Snapshot.empty(PAGE));

        assertThat(wizard.known()).isFalse();
        assertThat(wizard.known(step)).isFalse();
        assertThat(wizard.getOrDefault(step)).isEqualTo("start");
    }

    @Test
    void aCallWithoutABrowserReadsDefaults() {
        BrowserSource nobody = new Source(
                () -> {
                    throw new IllegalStateException("no browser for this call");
                },
                null,
                null);
        StoreAccess orphan =
                new StoreAccess(nobody, StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", theme, fontSize));

        assertThat(orphan.known()).isFalse();
        assertThat(orphan.getOrDefault(theme)).isEqualTo("light");
    }

    @Test
    void cookieFieldsInsideAnHttpRequestAreKnownFromItsCookiesAndItsOwnWrites() {
        HttpCookieWritesTest.Exchange exchange = new HttpCookieWritesTest.Exchange();
        exchange.request.put("ui_lang", "fr");
        BrowserSource http = new Source(() -> session, null, exchange);
        StoreField<String> lang = StoreField.builder(0, StorageArea.COOKIE, "lang", "ui_lang", Codecs.string())
                .defaultValue("en")
                .cookie(CookieOptions.defaults())
                .build();
        StoreAccess ui = new StoreAccess(http, StoreDescriptor.of("demo.Ui", StorageArea.COOKIE, "", lang));

        assertThat(ui.known()).isTrue();
        assertThat(ui.getOrDefault(lang)).isEqualTo("fr");
        ui.set(lang, "de");
        assertThat(ui.getOrDefault(lang)).isEqualTo("de");
    }

    @Test
    void aFieldOfAnotherStoreIsRefused() {
        StoreField<String> foreign = StoreField.builder(0, StorageArea.LOCAL, "theme", "other.theme", Codecs.string())
                .defaultValue("light")
                .build();

        assertThatThrownBy(() -> prefs.getOrDefault(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo.Prefs");
    }

    /** A call's browser, tab and HTTP exchange, each as a test needs it. */
    private static final class Source implements BrowserSource {
        private final Supplier<Browser> current;
        private final Supplier<Browser> tab;
        private final HttpCookies http;

        Source(Supplier<Browser> current, Supplier<Browser> tab, HttpCookies http) {
            this.current = current;
            this.tab = tab == null ? current : tab;
            this.http = http;
        }

        @Override
        public String appId() {
            return "demo";
        }

        @Override
        public Browser current() {
            return current.get();
        }

        @Override
        public Browser currentTab() {
            return tab.get();
        }

        @Override
        public Optional<HttpCookies> httpCookies() {
            return Optional.ofNullable(http);
        }
    }
}
