package dev.browserstorage.demo.chromium;

import static dev.browserstorage.demo.DemoKeys.DIGEST;
import static dev.browserstorage.demo.DemoKeys.EMAIL;
import static dev.browserstorage.demo.DemoKeys.LANGUAGE;
import static dev.browserstorage.demo.DemoKeys.TOPICS;
import static dev.browserstorage.demo.DemoKeys.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.demo.ConsentCookiesStore;
import dev.browserstorage.demo.Digest;
import dev.browserstorage.demo.NotificationsStore;
import dev.browserstorage.demo.PreferencesStore;
import dev.browserstorage.demo.SocketStub;
import dev.browserstorage.demo.Theme;
import dev.browserstorage.demo.Topic;
import dev.browserstorage.store.ValueChange;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * Form fields bound with {@code data-storage}, in Chromium: the stored value is in the field when
 * the document is parsed, with the socket blocked; a user's edit reaches the server's listener typed;
 * two tabs follow each other both ways while the server hears each change once; a refused value is
 * not stored and is marked; markup stays text; a field swapped in later is bound.
 */
@QuarkusTest
class BoundFieldsInChromiumTest extends ChromiumTestBase {

    /**
     * Runs in every new document before the page's own scripts: blocks the socket, and records the
     * bound fields as they are when the parser is done (DOMContentLoaded) and at the first animation
     * frame that has them (just before the first paint that shows them).
     */
    private static final String RECORD_FIRST_PAINT = SocketStub.SCRIPT + """
            window.__seen = {};
            const record = when => {
              const byId = id => document.getElementById(id);
              window.__seen[when] = byId('notify-topics') && {
                state: BrowserStorage.state(),
                theme: byId('theme').value,
                fontSize: byId('font-size').value,
                email: byId('notify-email').checked,
                digest: (document.querySelector('input[name=digest]:checked') || {}).value || null,
                topics: [].filter.call(byId('notify-topics').options, o => o.selected).map(o => o.value).join(','),
                bodyClass: document.body.className
              };
            };
            document.addEventListener('DOMContentLoaded', () => record('parsed'));
            // Frames render between tasks: the first one after the fields exist is the first paint of them.
            const nextFrame = () => requestAnimationFrame(() => (document.getElementById('notify-topics') ? record('firstFrame') : nextFrame()));
            nextFrame();
            """;

    /** Runs in every new document of a tab before the glue: records each change frame the glue sends. */
    private static final String RECORD_CHANGE_FRAMES = """
            window.__changesSent = [];
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (text) {
              const frame = JSON.parse(text);
              if (frame.t === 'change' && frame.key !== 'demo:test.sentinel') window.__changesSent.push(frame.key + '=' + frame.value);
              return send.call(this, text);
            };
            """;

    @Test
    void boundFieldsShowTheStoredValuesOnFirstPaintWithTheSocketBlocked() {
        openSettings();
        chromium.js("""
                localStorage.setItem(arguments[0], '"DARK"'); localStorage.setItem(arguments[1], '22');
                localStorage.setItem(arguments[2], 'false'); localStorage.setItem(arguments[3], '"WEEKLY"');
                localStorage.setItem(arguments[4], '["SECURITY","EVENTS"]');
                """, THEME, FONT_SIZE, EMAIL, DIGEST, TOPICS);
        Map<String, Object> added = chromium.driver()
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_FIRST_PAINT));

        try {
            chromium.driver().navigate().refresh();
            awaitPage("return document.readyState", "complete");
        } finally {
            chromium.driver()
                    .executeCdpCommand(
                            "Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }

        assertThat(chromium.js("return window.__blockedSockets.length"))
                .as("the glue's socket was blocked")
                .isEqualTo(1L);
        assertThat(chromium.js("return BrowserStorage.state()")).isEqualTo("connecting");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) chromium.js("return window.__seen.parsed");
        assertThat(parsed.get("state"))
                .as("no socket open when the document is parsed")
                .isIn("closed", "connecting");
        assertThat(parsed)
                .as("the fields when the document is parsed")
                .containsEntry("theme", "DARK")
                .containsEntry("fontSize", "22")
                .containsEntry("email", false)
                .containsEntry("digest", "WEEKLY")
                .containsEntry("topics", "SECURITY,EVENTS");
        @SuppressWarnings("unchecked")
        Map<String, Object> firstFrame = (Map<String, Object>) chromium.js("return window.__seen.firstFrame");
        assertThat(firstFrame)
                .as("the fields at the first frame that paints them")
                .containsEntry("theme", "DARK")
                .containsEntry("fontSize", "22")
                .containsEntry("email", false)
                .containsEntry("digest", "WEEKLY")
                .containsEntry("topics", "SECURITY,EVENTS");
        assertThat(chromium.js("return getComputedStyle(document.body).backgroundColor"))
                .as("the dark theme, from storage alone")
                .isEqualTo("rgb(20, 23, 28)");
    }

    @Test
    void aUsersEditsReachTheServersListenersTyped() throws Exception {
        openSettings();
        List<ValueChange<?>> heard = new CopyOnWriteArrayList<>();
        new NotificationsStore(session()).onChange(heard::add);
        new PreferencesStore(session()).onChange(heard::add);

        new Select(chromium.driver().findElement(By.id("theme"))).selectByValue("DARK");
        chromium.driver().findElement(By.id("notify-email")).click();
        chromium.driver()
                .findElement(By.cssSelector("input[name=digest][value=WEEKLY]"))
                .click();
        Select topics = new Select(chromium.driver().findElement(By.id("notify-topics")));
        topics.selectByValue("SECURITY");
        chromium.driver().findElement(By.id("notify-topics")).sendKeys(Keys.SHIFT, Keys.ARROW_DOWN);
        WebElement fontSize = chromium.driver().findElement(By.id("font-size"));
        fontSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "18", Keys.TAB);

        syncedThrough(1);
        assertThat(heard)
                .extracting(ValueChange::field, ValueChange::newValue)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("theme", Theme.DARK),
                        org.assertj.core.groups.Tuple.tuple("email", false),
                        org.assertj.core.groups.Tuple.tuple("digest", Digest.WEEKLY),
                        org.assertj.core.groups.Tuple.tuple("topics", List.of(Topic.SECURITY)),
                        org.assertj.core.groups.Tuple.tuple("topics", List.of(Topic.SECURITY, Topic.EVENTS)),
                        org.assertj.core.groups.Tuple.tuple("fontSize", 18));
        assertThat(localStorage(TOPICS)).isEqualTo("[\"SECURITY\",\"EVENTS\"]");
        assertThat(localStorage(FONT_SIZE)).isEqualTo("18");
        assertThat(chromium.js("return getComputedStyle(document.body).backgroundColor"))
                .isEqualTo("rgb(20, 23, 28)");
    }

    @Test
    void aCheckBoxBoundToACookieWritesTheCookieTheServerReadsAndFollowsServerWrites() throws Exception {
        openSettings();
        List<ValueChange<?>> heard = new CopyOnWriteArrayList<>();
        new ConsentCookiesStore(session()).onChange(heard::add);

        chromium.driver().findElement(By.id("consent-analytics")).click();

        assertThat(chromium.driver().manage().getCookieNamed("consent_analytics"))
                .as("written with the store's attributes")
                .satisfies(cookie -> {
                    assertThat(cookie.getValue()).isEqualTo("true");
                    assertThat(cookie.getPath()).isEqualTo("/");
                    assertThat(cookie.getSameSite()).isEqualTo("Lax");
                    assertThat(cookie.getExpiry())
                            .isAfter(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(364))));
                });
        syncedThrough(1);
        assertThat(heard)
                .extracting(ValueChange::field, ValueChange::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("analytics", true));
        assertThat(new ConsentCookiesStore(session()).isAnalytics()).isTrue();

        new ConsentCookiesStore(session())
                .setMarketing(true)
                .toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        awaitPage("return document.getElementById('consent-marketing').checked", true);
        assertThat(chromium.js("return document.getElementById('consent-analytics').checked"))
                .isEqualTo(true);
    }

    @Test
    void twoTabsFollowEachOtherBothWaysAndTheServerHearsEachChangeOnce() throws Exception {
        chromium.driver()
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CHANGE_FRAMES));
        openSettings();
        List<ValueChange<?>> heard = new CopyOnWriteArrayList<>();
        new PreferencesStore(session()).onChange(heard::add);
        new NotificationsStore(session()).onChange(heard::add);
        String firstTab = chromium.driver().getWindowHandle();
        chromium.driver().switchTo().newWindow(WindowType.TAB);
        chromium.driver()
                .executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CHANGE_FRAMES));
        openSettings();
        String secondTab = chromium.driver().getWindowHandle();

        chromium.driver().switchTo().window(firstTab);
        new Select(chromium.driver().findElement(By.id("theme"))).selectByValue("DARK");
        chromium.driver().switchTo().window(secondTab);
        awaitPage("return document.getElementById('theme').value", "DARK");
        assertThat(chromium.js("return document.body.className")).isEqualTo("theme-dark");
        chromium.driver()
                .findElement(By.cssSelector("input[name=digest][value=NEVER]"))
                .click();
        chromium.driver().findElement(By.id("notify-volume")).sendKeys(Keys.ARROW_RIGHT);
        chromium.driver().switchTo().window(firstTab);
        awaitPage("return document.querySelector('input[name=digest]:checked').value", "NEVER");
        awaitPage("return document.getElementById('notify-volume').value", "65");

        // Each tab's socket delivers in order: once both tabs' last changes are read, any echo would have been too.
        syncedThrough(1);
        assertThat(chromium.js("return window.__changesSent"))
                .as("the first tab reports its own change, and only it")
                .isEqualTo(List.of("demo:prefs.theme=\"DARK\""));
        chromium.driver().switchTo().window(secondTab);
        syncedThrough(2);
        assertThat(chromium.js("return window.__changesSent"))
                .as("the second tab reports its own changes, and only them")
                .isEqualTo(List.of("demo:notify.digest=\"NEVER\"", "demo:notify.volume=65"));
        assertThat(heard)
                .extracting(ValueChange::field, ValueChange::newValue)
                .as("each change once, no echo")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("theme", Theme.DARK),
                        org.assertj.core.groups.Tuple.tuple("digest", Digest.NEVER),
                        org.assertj.core.groups.Tuple.tuple("volume", 65));
        assertThat(chromium.js("return window.__batches"))
                .as("the tabs followed through the storage event")
                .isEqualTo(0L);
        assertThat(localStorage(VOLUME)).isEqualTo("65");
    }

    @Test
    void aValueTheSchemaRefusesIsNotStoredAndTheFieldIsMarkedInvalid() throws Exception {
        openSettings();
        chromium.js("""
                window.refused = [];
                document.addEventListener('browser-storage:invalid', e => refused.push(e.detail.field + ' ' + e.detail.reason));
                document.querySelector('main').insertAdjacentHTML('beforeend',
                  '<section><input id="loose-size" data-storage="prefs.fontSize"></section>');
                """);
        WebElement looseSize = chromium.driver().findElement(By.id("loose-size"));

        // Pasted (typed, its prefixes up to 300000000 would each be a valid int and stored), then left.
        chromium.js("""
                const field = document.getElementById('loose-size');
                field.focus();
                field.value = '3000000000';
                field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
                """);
        looseSize.sendKeys(Keys.TAB);
        WebElement fontSize = chromium.driver().findElement(By.id("font-size"));
        fontSize.sendKeys(Keys.chord(Keys.CONTROL, "a"), "99", Keys.TAB);

        syncedThrough(1);
        assertThat(localStorage(FONT_SIZE)).isNull();
        assertThat(session().readText(StorageArea.LOCAL, FONT_SIZE)).isEmpty();
        assertThat(looseSize.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(chromium.js("return document.getElementById('loose-size').matches(':invalid')"))
                .as("setCustomValidity")
                .isEqualTo(true);
        assertThat(chromium.js("return refused[refused.length - 1]")).asString().startsWith("prefs.fontSize ");
        assertThat(chromium.js("return refused"))
                .asString()
                .contains("prefs.fontSize must be a whole number from -2147483648 to 2147483647");
        assertThat(fontSize.getAttribute("aria-invalid"))
                .as("over the field's max=32")
                .isEqualTo("true");
        assertThat(chromium.driver().findElement(By.id("status")).getText()).startsWith("Not saved: Font size (px): ");
        assertThat(chromium.js("return getComputedStyle(document.getElementById('font-size')).borderTopColor"))
                .as("the page styles [data-storage-invalid]")
                .isEqualTo("rgb(179, 38, 30)");
    }

    @Test
    void aValueWithScriptIsShownAsText() throws Exception {
        openSettings();
        String language = "<script>window.ran = true</script><b>x</b>";
        // The draft is the tab's (sessionStorage): the page's own request names its tab.
        PageAnswer answer = callFromPage(
                "POST",
                "/api/draft",
                "{\"subject\":\"<script>window.ran = true<\\/script>\",\"body\":\"</textarea><img src=x onerror=window.ran=true>\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        chromium.js("localStorage.setItem(arguments[0], JSON.stringify(arguments[1]))", LANGUAGE, language);

        chromium.driver().navigate().refresh();
        awaitSync();

        assertThat(chromium.js("return document.getElementById('draft-subject').value"))
                .isEqualTo("<script>window.ran = true</script>");
        assertThat(chromium.js("return document.getElementById('draft-body').value"))
                .isEqualTo("</textarea><img src=x onerror=window.ran=true>");
        assertThat(new Select(chromium.driver().findElement(By.id("language")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo(language);
        assertThat(chromium.js("return document.querySelectorAll('main script, main img, main b').length"))
                .isEqualTo(0L);
        assertThat(chromium.js("return window.ran === undefined")).isEqualTo(true);
    }

    @Test
    void aFieldSwappedInLaterIsBound() throws Exception {
        openSettings();
        HttpResponse<String> written = call("POST", "api/prefs", "{\"fontSize\":24}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);

        chromium.js("""
                const fragment = document.createElement('template');
                fragment.innerHTML = '<section id="swapped"><input id="swapped-size" type="range" min="10" max="32"'
                  + ' data-storage="prefs.fontSize"></section>';
                document.querySelector('main').replaceChild(fragment.content, document.querySelector('main section'));
                window.shownWhenSwapped = document.getElementById('swapped-size').value;
                """);
        awaitPage("return document.getElementById('swapped-size').value", "24");
        chromium.driver().findElement(By.id("swapped-size")).sendKeys(Keys.ARROW_LEFT);

        chromium.waitUntil(
                "the server reads the swapped-in field's value",
                driver -> new PreferencesStore(session()).getFontSize() == 23);
        assertThat(localStorage(FONT_SIZE)).isEqualTo("23");
        assertThat(chromium.js("return getComputedStyle(document.documentElement).fontSize"))
                .isEqualTo("23px");
    }

    /**
     * Waits until the server has handled every frame the current tab sent so far: one socket's frames
     * are handled in order, so once a change sent now is read, every earlier one was.
     */
    private void syncedThrough(int mark) {
        String key = "demo:test.sentinel";
        chromium.js("BrowserStorage.set(arguments[0], arguments[1])", key, String.valueOf(mark));
        chromium.waitUntil(
                "the server reads the tab's latest change",
                driver -> Optional.of(String.valueOf(mark)).equals(session().readText(StorageArea.LOCAL, key)));
    }
}
