package dev.browserstorage.demo.chromium;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.demo.RejectedValues;
import dev.browserstorage.protect.RejectedValue;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #18 in a real browser: a browser holding values of the demo's first release (version 1 of
 * {@code ReaderSettings}) meets version 2, and protected values that a page script edits.
 */
@QuarkusTest
class ValuesThatLastInChromiumTest extends ChromiumTestBase {
    private static final String FONT_V1 = "demo:reader.font";
    private static final String SPACING_V1 = "demo:reader.lineSpacing";
    private static final String VERSION = "demo:reader";
    private static final String PLAN_COOKIE = "member_plan";
    private static final String NOTE = "demo:vault.text";

    @Inject
    RejectedValues rejected;

    /**
     * Records, from before the page's first script, what the reader's bound fields show at every
     * animation frame (value and whether they are visible), and every value a script assigns them.
     */
    private static final String FRAME_RECORDER = """
            window.__frames = [];
            window.__assigned = [];
            for (const type of [HTMLInputElement, HTMLSelectElement]) {
              const property = Object.getOwnPropertyDescriptor(type.prototype, 'value');
              Object.defineProperty(type.prototype, 'value', {
                configurable: true,
                get() { return property.get.call(this); },
                set(v) {
                  if (this.id && this.id.indexOf('reader-') === 0) window.__assigned.push(this.id + '=' + v);
                  property.set.call(this, v);
                }
              });
            }
            const sample = () => {
              for (const id of ['reader-font', 'reader-line-height']) {
                const el = document.getElementById(id);
                if (el) {
                  window.__frames.push({ id: id, value: el.value,
                    visible: getComputedStyle(el).visibility !== 'hidden' });
                }
              }
              if (window.__frames.length < 4000) requestAnimationFrame(sample);
            };
            requestAnimationFrame(sample);
            """;

    @Test
    void aBrowserHoldingVersionOneValuesIsMigratedBeforeItsBoundFieldsShowAnything() {
        // What the first release left in this browser: no version mark, the old names and shapes.
        chromium.driver().get(base + "api/membership");
        chromium.js(
                "localStorage.setItem(arguments[0], '\"Sans\"'); localStorage.setItem(arguments[1], '\"relaxed\"');",
                FONT_V1,
                SPACING_V1);
        Object recorder = chromium.driver()
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", FRAME_RECORDER))
                .get("identifier");
        try {
            openSettings();
        } finally {
            chromium.driver()
                    .executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", recorder));
        }
        awaitPage("return localStorage.getItem('" + VERSION + "')", "2");
        awaitPage("return document.getElementById('reader-font').value", "sans");

        // Written back: the new names and shapes, the old ones gone, the version mark.
        assertThat(localStorage("demo:reader.fontFamily")).isEqualTo("\"sans\"");
        assertThat(localStorage("demo:reader.lineHeight")).isEqualTo("180");
        assertThat(localStorage(FONT_V1)).isNull();
        assertThat(localStorage(SPACING_V1)).isNull();
        assertThat(chromium.js("return document.getElementById('reader-line-height').value"))
                .isEqualTo("180");
        assertThat(chromium.js("return document.getElementById('reader-font').hasAttribute('data-storage-pending')"))
                .isEqualTo(false);

        // Never painted with anything but the migrated values, and never given an old-shape value.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> frames = (List<Map<String, Object>>) chromium.js("return window.__frames");
        assertThat(frames).as("frames sampled while the page loaded").isNotEmpty();
        assertThat(frames)
                .filteredOn(frame -> Boolean.TRUE.equals(frame.get("visible")))
                .as("every frame in which a reader field was visible")
                .isNotEmpty()
                .allSatisfy(frame -> assertThat(frame.get("value"))
                        .as("%s when visible", frame.get("id"))
                        .isEqualTo(frame.get("id").equals("reader-font") ? "sans" : "180"));
        @SuppressWarnings("unchecked")
        List<String> assigned = (List<String>) chromium.js("return window.__assigned");
        assertThat(assigned).doesNotContain("reader-font=Sans", "reader-line-height=relaxed");

        // The server reads the migrated values.
        assertThat(session()
                        .read(dev.browserstorage.StorageArea.LOCAL, "demo:reader.fontFamily")
                        .text())
                .isEqualTo("\"sans\"");
    }

    @Test
    void aSignedCookieThePageEditsReadsAsTheDefaultAndIsReported() {
        openSettings();
        assertThat(callFromPage("POST", "/api/membership/pro", null).status()).isEqualTo(200);
        String sealed = chromium.driver().manage().getCookieNamed(PLAN_COOKIE).getValue();
        assertThat(sealed).startsWith("s.").endsWith(".pro");
        assertThat(callFromPage("GET", "/api/membership", null).body()).contains("\"pro\"");
        // The page reads a signed value (the glue strips the seal).
        awaitPage("return document.getElementById('plan').textContent", "pro");

        // A page script (or the user in devtools) upgrades itself, keeping the seal.
        String forged = sealed.substring(0, sealed.length() - "pro".length()) + "team";
        chromium.js(
                "document.cookie = arguments[0] + '=' + arguments[1] + '; path=/; max-age=3600; secure; samesite=lax'",
                PLAN_COOKIE,
                forged);
        assertThat(chromium.driver().manage().getCookieNamed(PLAN_COOKIE).getValue())
                .isEqualTo(forged);

        assertThat(callFromPage("GET", "/api/membership", null).body()).contains("\"free\"");
        awaitRejected(PLAN_COOKIE, RejectedValue.Reason.TAMPERED);

        // A made-up value without any seal.
        chromium.js(
                "document.cookie = arguments[0] + '=team; path=/; max-age=3600; secure; samesite=lax'", PLAN_COOKIE);
        assertThat(callFromPage("GET", "/api/membership", null).body()).contains("\"free\"");
        awaitRejected(PLAN_COOKIE, RejectedValue.Reason.NOT_SEALED);
    }

    @Test
    void anEncryptedLocalStorageValueIsUnreadableToThePageAndAnEditReadsAsTheDefault() {
        openSettings();
        PageAnswer kept = callFromPage("PUT", "/api/note", "the door code is 4711", "text/plain");
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);

        String stored = localStorage(NOTE);
        assertThat(stored).startsWith("e.").doesNotContain("4711").doesNotContain("door");
        assertThat(callFromPage("GET", "/api/note", null).body()).contains("the door code is 4711");

        // A page script edits the ciphertext; the server learns of it with the page's next hello.
        int middle = stored.length() - 10;
        char flipped = stored.charAt(middle) == 'A' ? 'B' : 'A';
        String edited = stored.substring(0, middle) + flipped + stored.substring(middle + 1);
        chromium.js("localStorage.setItem(arguments[0], arguments[1])", NOTE, edited);
        openSettings();

        assertThat(callFromPage("GET", "/api/note", null).body()).contains("\"text\":\"\"");
        awaitRejected(NOTE, RejectedValue.Reason.TAMPERED);
    }

    private void awaitRejected(String key, RejectedValue.Reason reason) {
        chromium.waitUntil(
                key + " refused as " + reason,
                driver -> rejected.recent().stream()
                        .anyMatch(value -> value.key().equals(key) && value.reason() == reason));
    }
}
