package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.testing.InMemoryBrowser;
import dev.browserstorage.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A field's handle ({@code prefs.theme()}) does what the store's per-field methods used to. */
class FieldTest {
    private final ManualClock clock = new ManualClock();
    private final Browser session = Browser.builder("b1", "demo").clock(clock).build();
    private final InMemoryBrowser browser = new InMemoryBrowser(session);

    private final StoreField<String> theme = StoreField.builder(
                    0, StorageArea.LOCAL, "theme", "prefs.theme", Codecs.string())
            .defaultValue("light")
            .build();
    private final StoreField<String> note = StoreField.builder(
                    1, StorageArea.LOCAL, "note", "prefs.note", Codecs.string())
            .defaultValue("")
            .ttl(Duration.ofMinutes(30))
            .build();
    private final StoreAccess prefs =
            new StoreAccess(session, StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", theme, note));

    @Test
    void aHandleReadsWritesRemovesAndListensToItsField() {
        Field<String> handle = prefs.field(theme);
        assertThat(handle.orDefault()).as("before the snapshot").isEqualTo("light");
        assertThatThrownBy(handle::get).isInstanceOf(NotHydratedException.class);
        browser.connect();
        List<ValueChange<String>> changes = new ArrayList<>();
        handle.onChange(changes::add);

        assertThat(handle.isSet()).isFalse();
        handle.set("dark");
        browser.deliver();
        assertThat(handle.get()).isEqualTo("dark");
        assertThat(handle.isSet()).isTrue();
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.theme", "\"dark\"");

        handle.remove();
        browser.deliver();
        assertThat(handle.get()).isEqualTo("light");
        assertThat(handle.isSet()).isFalse();
        assertThat(changes)
                .extracting(ValueChange::oldValue, ValueChange::newValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("light", "dark"),
                        org.assertj.core.groups.Tuple.tuple("dark", "light"));
    }

    @Test
    void aHandleIsOnePerFieldAndNamesItsKeyAndField() {
        assertThat(prefs.field(theme)).isSameAs(prefs.field(theme));
        assertThat(prefs.field(theme).key()).isEqualTo("prefs.theme");
        assertThat(prefs.field(note).field()).isSameAs(note);
        StoreField<String> stranger = StoreField.builder(0, StorageArea.LOCAL, "theme", "other.theme", Codecs.string())
                .build();
        assertThatThrownBy(() -> prefs.field(stranger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one of demo.Prefs's");
    }

    @Test
    void aLifetimeOfItsOwnIsForFieldsWithADeclaredLifetimeOnly() {
        browser.connect();

        prefs.field(note).set("Hi", Duration.ofMinutes(5));
        browser.deliver();
        clock.advance(Duration.ofMinutes(6));
        assertThat(prefs.field(note).get())
                .as("expired after its own 5 minutes")
                .isEmpty();

        assertThatThrownBy(() -> prefs.field(theme).set("dark", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("theme of demo.Prefs has no declared lifetime");
        browser.deliver();
        assertThat(browser.storage(StorageArea.LOCAL)).doesNotContainKey("demo:prefs.theme");
    }
}
