package dev.browserstorage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.testing.InMemoryBrowser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What generated stores call: {@link StoreField#of} is the builder in one call, and the field's
 * {@code get}, {@code set} and {@code handle} are the store access's, for this field.
 */
class StoreFieldShortcutsTest {
    private final Browser session = Browser.builder("b1", "demo").build();
    private final InMemoryBrowser browser = new InMemoryBrowser(session);

    private final StoreField<Integer> size =
            StoreField.of(0, StorageArea.LOCAL, "size", "prefs.size", Codecs.integer(), 14);
    private final StoreField<List<String>> tags =
            StoreField.of(1, StorageArea.LOCAL, "tags", "prefs.tags", Codecs.list(Codecs.string()), null);
    private final StoreAccess prefs =
            new StoreAccess(session, StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", size, tags));

    @Test
    void ofIsTheBuilderWithADefault() {
        StoreField<Integer> built = StoreField.builder(0, StorageArea.LOCAL, "size", "prefs.size", Codecs.integer())
                .defaultValue(14)
                .build();
        assertThat(size.defaultValue()).isEqualTo(built.defaultValue()).isEqualTo(14);
        assertThat(size.defaultText()).isEqualTo(built.defaultText()).contains("14");
        assertThat(size.ordinal()).isZero();
        assertThat(size.key()).isEqualTo("prefs.size");
        assertThat(size.name()).isEqualTo("size");
        assertThat(size.ttl()).isEmpty();
        assertThat(size.expires()).isFalse();
        assertThat(size.cookieOptions()).isEmpty();
        assertThat(tags.defaultValue()).isNull();
        assertThat(tags.defaultText()).isEmpty();
    }

    @Test
    void ofRefusesCookiesAndBadArguments() {
        assertThatThrownBy(() -> StoreField.of(0, StorageArea.COOKIE, "lang", "ui_lang", Codecs.string(), "en"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StoreField.builder");
        assertThatThrownBy(() -> StoreField.of(-1, StorageArea.LOCAL, "size", "prefs.size", Codecs.integer(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreField.of(0, StorageArea.LOCAL, "size", null, Codecs.integer(), 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void getSetHandleAndBatchGoThroughTheAccess() {
        browser.connect();
        assertThat(size.get(prefs)).isEqualTo(14);
        assertThat(size.handle(prefs)).isSameAs(prefs.field(size));

        size.set(prefs, 16);
        browser.deliver();
        assertThat(size.get(prefs)).isEqualTo(16).isEqualTo(prefs.get(size));
        assertThat(browser.storage(StorageArea.LOCAL)).containsEntry("demo:prefs.size", "16");

        FieldBatch batch = prefs.batch();
        assertThat(size.set(batch, 16)).as("unchanged: not sent").isSameAs(batch);
        tags.set(batch, List.of("a"));
        assertThat(batch.size()).isEqualTo(1);
        batch.commit();
        browser.deliver();
        assertThat(tags.get(prefs)).containsExactly("a");

        size.set(prefs, null);
        browser.deliver();
        assertThat(size.get(prefs)).as("removed: the default").isEqualTo(14);
    }
}
