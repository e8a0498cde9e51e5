package dev.browserstorage.demo;

import static dev.browserstorage.demo.DemoKeys.DIGEST;
import static dev.browserstorage.demo.DemoKeys.EMAIL;
import static dev.browserstorage.demo.DemoKeys.TOPICS;
import static dev.browserstorage.demo.DemoKeys.VOLUME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.store.ValueChange;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlRadioButtonInput;
import org.htmlunit.html.HtmlSelect;
import org.junit.jupiter.api.Test;

/**
 * Form fields bound with {@code data-storage} on the settings page, in HtmlUnit's JavaScript engine:
 * filled from storage before the socket is open, stored typed on each edit (and so heard by the
 * server's listeners), refused when the schema says no, updated by server writes, shown as text,
 * and bound when they arrive later. (HtmlUnit has no {@code storage} event: the cross-tab paths run
 * in the Chromium lane.)
 */
@QuarkusTest
class BoundFieldsTest extends DemoAppTestBase {

    @Test
    void theServedGlueCarriesTheSchemasOfTheAppsStores() {
        DemoBrowser.Answer glue = browser.get("_storage/storage.js");
        DemoBrowser.Answer stores = browser.get("_storage/stores.json");

        assertThat(glue.status()).isEqualTo(200);
        assertThat(stores.status()).isEqualTo(200);
        assertThat(glue.body())
                .as("one script gives the glue the schemas too")
                .endsWith("\nBrowserStorage.define(" + stores.body() + ");\n//# sourceMappingURL=storage.js.map\n");
        assertThat(stores.body())
                .contains("\"namespace\":\"notify\"", "\"namespace\":\"prefs\"", "\"namespace\":\"draft\"");
    }

    @Test
    void storedValuesFillTheBoundFieldsWithNoRoundTripToTheServer() {
        Map<String, String> local = browser.localStorage();
        local.put(THEME, "\"DARK\"");
        local.put(FONT_SIZE, "20");
        local.put(LANGUAGE, "\"fr\"");
        local.put(EMAIL, "false");
        local.put(VOLUME, "35");
        local.put(DIGEST, "\"WEEKLY\"");
        local.put(TOPICS, "[\"SECURITY\",\"EVENTS\"]");

        HtmlPage page = browser.openWithoutSocket();

        assertThat(browser.js(page, "BrowserStorage.state()"))
                .as("the socket never opened")
                .isEqualTo("connecting");
        assertThat(((Number) browser.js(page, "window.__blockedSockets.length")).intValue())
                .isEqualTo(1);
        assertThat(value(page, "theme")).isEqualTo("DARK");
        assertThat(value(page, "font-size")).isEqualTo("20");
        assertThat(value(page, "language")).isEqualTo("fr");
        assertThat(page.<HtmlCheckBoxInput>getHtmlElementById("notify-email").isChecked())
                .isFalse();
        assertThat(value(page, "notify-volume")).isEqualTo("35");
        assertThat(checkedDigest(page)).isEqualTo("WEEKLY");
        assertThat(selected(page, "notify-topics")).containsExactly("SECURITY", "EVENTS");
        assertThat(browser.js(page, "document.body.className"))
                .as("the page's own script reads them too")
                .isEqualTo("theme-dark");
        assertThat(browser.js(page, "document.querySelector('h1').textContent")).isEqualTo("Paramètres");
    }

    @Test
    void absentOrTamperedKeysShowTheStoresDefaults() {
        Map<String, String> local = browser.localStorage();
        local.put(FONT_SIZE, "\"big\"");
        local.put(DIGEST, "\"HOURLY\"");
        local.put(TOPICS, "not json");

        HtmlPage page = browser.openWithoutSocket();

        assertThat(value(page, "theme")).isEqualTo("LIGHT");
        assertThat(value(page, "font-size")).as("not an int: the default").isEqualTo("14");
        assertThat(page.<HtmlCheckBoxInput>getHtmlElementById("notify-email").isChecked())
                .as("default true")
                .isTrue();
        assertThat(value(page, "notify-volume")).isEqualTo("60");
        assertThat(checkedDigest(page)).as("not a Digest constant: the default").isEqualTo("DAILY");
        assertThat(selected(page, "notify-topics")).isEmpty();
        assertThat(local)
                .as("showing a default writes nothing")
                .containsEntry(FONT_SIZE, "\"big\"")
                .doesNotContainKey(THEME);
    }

    @Test
    void editsAreStoredTypedAndReachTheServersListeners() throws Exception {
        HtmlPage page = browser.openSettings();
        NotificationsStore notify = new NotificationsStore(session());
        List<ValueChange<?>> heard = new CopyOnWriteArrayList<>();
        notify.onChange(heard::add);
        PreferencesStore prefs = new PreferencesStore(session());
        List<ValueChange<Integer>> sizes = new CopyOnWriteArrayList<>();
        prefs.fontSize().onChange(sizes::add);

        page.<HtmlCheckBoxInput>getHtmlElementById("notify-email").click();
        page.<HtmlRadioButtonInput>getFirstByXPath("//input[@name='digest'][@value='WEEKLY']")
                .click();
        HtmlSelect topics = page.getHtmlElementById("notify-topics");
        topics.setSelectedAttribute("SECURITY", true);
        topics.setSelectedAttribute("EVENTS", true);
        HtmlInput fontSize = page.getHtmlElementById("font-size");
        fontSize.focus();
        fontSize.setValue("");
        fontSize.type("20");
        fontSize.blur();

        syncedThrough(page, 1);
        assertThat(browser.localStorage())
                .containsEntry(EMAIL, "false")
                .containsEntry(DIGEST, "\"WEEKLY\"")
                .containsEntry(TOPICS, "[\"SECURITY\",\"EVENTS\"]")
                .containsEntry(FONT_SIZE, "20");
        assertThat(notify.isEmail()).isFalse();
        assertThat(notify.getDigest()).isEqualTo(Digest.WEEKLY);
        assertThat(notify.getTopics()).containsExactly(Topic.SECURITY, Topic.EVENTS);
        assertThat(heard)
                .extracting(ValueChange::field, ValueChange::newValue)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("email", false),
                        org.assertj.core.groups.Tuple.tuple("digest", Digest.WEEKLY),
                        org.assertj.core.groups.Tuple.tuple("topics", List.of(Topic.SECURITY, Topic.EVENTS)));
        assertThat(sizes)
                .extracting(ValueChange::newValue)
                .as("typed; the keystrokes coalesce into one change frame")
                .containsExactly(20);
        assertThat(browser.js(page, "document.getElementById('status').textContent"))
                .isEqualTo("Saved");
    }

    @Test
    void aValueTheSchemaRefusesIsNotStoredAndTheFieldIsMarkedInvalid() throws Exception {
        HtmlPage page = browser.openSettings();
        browser.js(page, """
                window.refused = [];
                document.addEventListener('browser-storage:invalid', e => refused.push(e.detail));
                const swap = document.createElement('div');
                swap.innerHTML = '<input id="loose-size" data-storage="prefs.fontSize">'
                  + '<select id="loose-theme" data-storage="prefs.theme"><option>LIGHT</option><option>PURPLE</option></select>';
                document.querySelector('main').appendChild(swap);
                """);
        HtmlInput looseSize = page.getHtmlElementById("loose-size");

        // Pasted, then the field left: typed, its prefixes up to 300000000 would each be a valid int.
        looseSize.focus();
        looseSize.setValue("3000000000");
        looseSize.blur();
        page.<HtmlSelect>getHtmlElementById("loose-theme").setSelectedAttribute("PURPLE", true);

        syncedThrough(page, 1);
        assertThat(browser.localStorage()).doesNotContainKeys(FONT_SIZE, THEME);
        assertThat(session().readText(StorageArea.LOCAL, FONT_SIZE)).isEmpty();
        assertThat(looseSize.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(looseSize.getAttribute("data-storage-invalid"))
                .isEqualTo("must be a whole number from -2147483648 to 2147483647");
        assertThat(browser.js(page, "refused.map(r => r.field + '|' + r.key + '|' + r.value).join(' ')"))
                .asString()
                .contains("prefs.fontSize|demo:prefs.fontSize|3000000000", "prefs.theme|demo:prefs.theme|PURPLE");
        assertThat(page.getHtmlElementById("loose-theme").getAttribute("data-storage-invalid"))
                .isEqualTo("must be one of LIGHT, DARK, SYSTEM");
        assertThat(browser.js(page, "document.getElementById('status').textContent"))
                .isEqualTo("Not saved: prefs.theme: must be one of LIGHT, DARK, SYSTEM");

        // The field's own constraints (min, max, required...) count too where the engine checks
        // them; HtmlUnit does not check a number's range, so the Chromium lane covers that.
        HtmlInput fontSize = page.getHtmlElementById("font-size");
        fontSize.focus();
        fontSize.setValue("");
        fontSize.type("18");
        fontSize.blur();

        browser.waitUntil("the server reads the valid size", () -> new PreferencesStore(session()).getFontSize() == 18);
        assertThat(value(page, "loose-size"))
                .as("the other field bound to the key shows it")
                .isEqualTo("18");
        assertThat(looseSize.hasAttribute("aria-invalid"))
                .as("showing a stored value clears the mark")
                .isFalse();
        assertThat(looseSize.hasAttribute("data-storage-invalid")).isFalse();
    }

    @Test
    void aServerWriteUpdatesTheBoundFieldsAsTextNeverAsMarkup() throws Exception {
        HtmlPage page = browser.openSettings();
        String subject = "<script>window.ran = true</script><b>bold</b>";
        String body = "</textarea><img src=x onerror=\"window.ran = true\">";

        new NotificationsStore(session())
                .update(n -> {
                    n.digest = Digest.NEVER;
                    n.topics = List.of(Topic.RELEASES);
                })
                .toCompletableFuture()
                .get(DemoBrowser.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        DemoBrowser.Answer draft = browser.post(
                "api/draft",
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(Map.of("subject", subject, "body", body)));

        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        browser.waitUntil("the fields show the server's writes", () -> subject.equals(value(page, "draft-subject")));
        assertThat(browser.js(page, "document.getElementById('draft-body').value"))
                .isEqualTo(body);
        assertThat(browser.js(page, "document.querySelectorAll('main b, main img, main script').length"))
                .isEqualTo(0);
        assertThat(browser.js(page, "window.ran === undefined")).isEqualTo(true);
        assertThat(checkedDigest(page)).isEqualTo("NEVER");
        assertThat(selected(page, "notify-topics")).containsExactly("RELEASES");
    }

    @Test
    void aFieldSwappedInLaterIsBoundAndWritesBack() throws Exception {
        HtmlPage page = browser.openSettings();
        assertThat(browser.post("api/prefs", "{\"theme\":\"SYSTEM\"}").status()).isEqualTo(200);

        // As htmx swaps in a fragment from the server: HTML text, set as innerHTML. HtmlUnit's
        // MutationObserver reports no added nodes, so the page binds the fragment itself, as it
        // would on htmx:afterSwap (Chromium binds it unasked: BoundFieldsInChromiumTest).
        browser.js(page, """
                document.getElementById('recent').insertAdjacentHTML('afterend',
                  '<div id="swapped"><select id="swapped-theme" data-storage="prefs.theme">'
                  + '<option>LIGHT</option><option>DARK</option><option>SYSTEM</option></select></div>');
                BrowserStorage.bind(document.getElementById('swapped'));
                """);

        browser.waitUntil(
                "the swapped-in field shows the stored value", () -> "SYSTEM".equals(value(page, "swapped-theme")));
        page.<HtmlSelect>getHtmlElementById("swapped-theme").setSelectedAttribute("DARK", true);

        browser.waitUntil(
                "the server reads the swapped-in field's choice",
                () -> new PreferencesStore(session()).getTheme() == Theme.DARK);
        assertThat(browser.localStorage()).containsEntry(THEME, "\"DARK\"");
        assertThat(value(page, "theme"))
                .as("the page's own field bound to the key follows")
                .isEqualTo("DARK");
        assertThat(browser.js(page, "document.body.className")).isEqualTo("theme-dark");
    }

    @Test
    void aWriteByPageScriptUpdatesThisPagesFieldsAndListenersAtOnce() throws Exception {
        HtmlPage page = browser.openSettings();
        browser.js(
                page,
                "window.pageChanges = []; BrowserStorage.onChange(function (c) {"
                        + " if (c.source === 'page') pageChanges.push(c.key + '=' + c.value); });");

        browser.js(page, "BrowserStorage.set('demo:prefs.theme', '\"DARK\"')");

        assertThat(value(page, "theme"))
                .as("the bound field follows before any event loop turn")
                .isEqualTo("DARK");
        browser.js(page, "BrowserStorage.set('demo:prefs.theme', '\"DARK\"')");
        browser.js(page, "BrowserStorage.set('demo:prefs.fontSize', '20')");
        assertThat(value(page, "font-size")).isEqualTo("20");
        browser.js(page, "BrowserStorage.remove('demo:prefs.fontSize'); BrowserStorage.remove('demo:prefs.fontSize')");
        assertThat(value(page, "font-size"))
                .as("the field shows the default again")
                .isEqualTo("14");
        assertThat(browser.js(page, "pageChanges.join(',')"))
                .as("one event per change; storing the same text again, or removing an absent key, is none")
                .isEqualTo("demo:prefs.theme=\"DARK\",demo:prefs.fontSize=20,demo:prefs.fontSize=null");
        browser.waitUntil(
                "the server reads the page's write", () -> new PreferencesStore(session()).getTheme() == Theme.DARK);
    }

    @Test
    void checkBoxesWithOneNameBindAListAndADateFieldBindsALocalDate() throws Exception {
        HtmlPage page = browser.openSettings();
        browser.js(page, """
                const boxes = document.createElement('fieldset');
                boxes.id = 'topic-boxes';
                boxes.innerHTML = ['RELEASES', 'SECURITY', 'EVENTS'].map(t =>
                  `<label><input type="checkbox" id="box-${t}" value="${t}" data-storage="notify.topics">${t}</label>`).join('')
                  + '<input id="loose-date" data-storage="notify.quietUntil">';
                document.querySelector('main').appendChild(boxes);
                BrowserStorage.bind(boxes);
                """);

        page.<HtmlCheckBoxInput>getHtmlElementById("box-EVENTS").click();
        page.<HtmlCheckBoxInput>getHtmlElementById("box-RELEASES").click();
        HtmlInput date = page.getHtmlElementById("notify-quiet-until");
        date.focus();
        date.setValue("2026-12-24");
        date.blur();
        HtmlInput looseDate = page.getHtmlElementById("loose-date");
        looseDate.focus();
        looseDate.setValue("2026-02-30");
        looseDate.blur();

        syncedThrough(page, 1);
        assertThat(browser.localStorage())
                .as("the checked boxes' values, in document order")
                .containsEntry(TOPICS, "[\"RELEASES\",\"EVENTS\"]")
                .containsEntry("demo:notify.quietUntil", "\"2026-12-24\"");
        NotificationsStore notify = new NotificationsStore(session());
        assertThat(notify.getTopics()).containsExactly(Topic.RELEASES, Topic.EVENTS);
        assertThat(notify.getQuietUntil()).isEqualTo(java.time.LocalDate.of(2026, 12, 24));
        assertThat(selected(page, "notify-topics"))
                .as("the multi-select bound to the same list follows")
                .containsExactly("RELEASES", "EVENTS");
        assertThat(looseDate.getAttribute("data-storage-invalid"))
                .as("February has no 30th")
                .isEqualTo("must be a real date");
    }

    /**
     * Waits until the server has handled every frame the page sent so far: frames of one socket are
     * handled in order, so once a change sent now is read on the server, the earlier ones were too.
     */
    private void syncedThrough(HtmlPage page, int mark) {
        String key = "demo:test.sentinel";
        browser.js(page, "BrowserStorage.set('" + key + "', '" + mark + "')");
        browser.waitUntil(
                "the server reads the page's latest change",
                () -> Optional.of(String.valueOf(mark)).equals(session().readText(StorageArea.LOCAL, key)));
    }

    private String value(HtmlPage page, String id) {
        return (String) browser.js(page, "document.getElementById('" + id + "').value");
    }

    private String checkedDigest(HtmlPage page) {
        return (String) browser.js(page, "(document.querySelector('input[name=digest]:checked') || {}).value");
    }

    private List<String> selected(HtmlPage page, String id) {
        return page.<HtmlSelect>getHtmlElementById(id).getSelectedOptions().stream()
                .map(o -> o.getValueAttribute())
                .toList();
    }
}
