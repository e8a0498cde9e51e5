package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.demo.PreferencesStore;
import dev.browserstorage.demo.Theme;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed stores as a real browser loads them, through the ES module {@code /_storage/stores.js}
 * (HtmlUnit runs no modules; the deployment module's TypedStoresTest covers the plain script).
 */
@QuarkusTest
class TypedStoresInChromiumTest extends ChromiumTestBase {

    @Test
    void theModulesTypedStoreChecksWritesAndTheServerReadsThem() {
        openSettings();

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/_storage/stores.js').then(module => {
                  const prefs = module.prefs;
                  let refused = null;
                  try {
                    prefs.fontSize = 1.5;
                  } catch (e) {
                    refused = e.name + ': ' + e.message;
                  }
                  prefs.fontSize = 18;
                  prefs.theme = 'DARK';
                  done({ same: module.default.prefs === prefs && BrowserStorage.stores.prefs === prefs,
                         theme: prefs.theme, fontSize: prefs.fontSize, refused: refused });
                }, e => done({ error: String(e) }));
                """);

        assertThat(result)
                .containsEntry("same", true)
                .containsEntry("theme", "DARK")
                .containsEntry("fontSize", 18L)
                .containsEntry("refused", "TypeError: prefs.fontSize: 1.5 is not a whole number");
        chromium.waitUntil("the server reads the module's writes", driver -> {
            PreferencesStore prefs = new PreferencesStore(session());
            return prefs.getFontSize() == 18 && prefs.getTheme() == Theme.DARK;
        });
        assertThat(localStorage(FONT_SIZE)).isEqualTo("18");
    }
}
