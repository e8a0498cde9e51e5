package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.store.NewerVersionPolicy;
import dev.browserstorage.store.StoreAccess;
import dev.browserstorage.store.StoreDescriptor;
import dev.browserstorage.store.StoreField;
import dev.browserstorage.store.StoreUpkeep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The migration of versioned stores through the sync protocol: the batch it writes at a browser's
 * {@code hello} goes out after the welcome, numbered above what the browser applied (also for a
 * server that starts counting afresh), for localStorage on the browser and sessionStorage on the tab.
 */
class MigrationOverSocketTest {
    private static final StoreField<String> THEME = StoreField.builder(
                    0, StorageArea.LOCAL, "theme", "prefs.theme", Codecs.string())
            .defaultValue("light")
            .build();
    private static final StoreDescriptor PREFS = StoreDescriptor.of("demo.Prefs", StorageArea.LOCAL, "prefs", THEME)
            .withVersion(2, 1, values -> values.rename("colour", "theme"));
    private static final StoreField<String> STEP = StoreField.builder(
                    0, StorageArea.SESSION, "step", "wizard.step", Codecs.string())
            .defaultValue("start")
            .build();
    private static final StoreDescriptor WIZARD = StoreDescriptor.of("demo.Wizard", StorageArea.SESSION, "wizard", STEP)
            .withVersion(2, 1, values -> values.rename("page", "step"));

    private static final String HELLO = "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"https://shop.example/\","
            + "\"local\":{\"demo:prefs.colour\":\"\\\"dark\\\"\"},\"session\":{\"demo:wizard.page\":\"\\\"pay\\\"\"},"
            + "\"cookies\":\"\",\"applied\":41,\"tab\":\"t1\"}";

    private final Browser browser = Browser.builder("b1", "demo")
            .afterHydrate(StoreUpkeep.of(List.of(PREFS, WIZARD), NewerVersionPolicy.KEEP))
            .build();
    private final List<String> sent = new ArrayList<>();

    @Test
    void theMigrationBatchesFollowTheWelcomeAboveTheAppliedCount() {
        new SyncConnection(browser, sent::add).receive(HELLO);

        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).startsWith("{\"t\":\"welcome\"");
        assertThat(SyncConnectionTest.withoutTokens(sent.get(1)))
                .isEqualTo("{\"t\":\"batch\",\"id\":42,\"writes\":["
                        + "{\"area\":\"local\",\"key\":\"demo:prefs.colour\",\"value\":null},"
                        + "{\"area\":\"local\",\"key\":\"demo:prefs.theme\",\"value\":\"\\\"dark\\\"\"},"
                        + "{\"area\":\"local\",\"key\":\"demo:prefs\",\"value\":\"2\"}]}");
        assertThat(sent.get(2)).contains("\"tab\":true").contains("\"key\":\"demo:wizard\",\"value\":\"2\"");
        assertThat(new StoreAccess(browser, PREFS).get(THEME)).isEqualTo("dark");
        assertThat(new StoreAccess(browser.findTab("t1").orElseThrow(), WIZARD).get(STEP))
                .isEqualTo("pay");
    }

    @Test
    void aReconnectOfAMigratedBrowserWritesNothing() {
        new SyncConnection(browser, sent::add).receive(HELLO);
        sent.clear();

        new SyncConnection(browser, sent::add)
                .receive(HELLO.replace("\"applied\":41", "\"applied\":42,\"tabApplied\":1,\"resume\":true")
                        .replace("\"demo:prefs.colour\":", "\"demo:prefs\":\"2\",\"demo:prefs.theme\":")
                        .replace("\"demo:wizard.page\":", "\"demo:wizard\":\"2\",\"demo:wizard.step\":"));

        assertThat(sent).hasSize(1);
        assertThat(browser.pendingBatchIds()).isEmpty();
        assertThat(browser.findTab("t1").orElseThrow().pendingBatchIds()).isEmpty();
        assertThat(new StoreAccess(browser, PREFS).get(THEME)).isEqualTo("dark");
    }
}
