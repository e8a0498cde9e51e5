package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.testing.InMemoryBrowser;
import org.junit.jupiter.api.Test;

/**
 * The demo's migration of {@link ReaderSettings} in the runtime's in-memory browser, without Quarkus:
 * the example of docs/versions.md's testing section.
 */
class ReaderSettingsMigrationTest {

    private static InMemoryBrowser holdingVersionOne(String font, String lineSpacing) {
        return InMemoryBrowser.builder()
                .app("demo")
                .stores(ReaderSettingsStore.DESCRIPTOR)
                .holding(StorageArea.LOCAL, "reader.font", font)
                .holding(StorageArea.LOCAL, "reader.lineSpacing", lineSpacing)
                .build();
    }

    @Test
    void versionOneValuesAreMigratedAndWrittenBack() {
        InMemoryBrowser browser = holdingVersionOne("\"Sans\"", "\"relaxed\"");

        browser.connect();
        ReaderSettingsStore reader = new ReaderSettingsStore(browser.server());
        assertThat(reader.getFontFamily()).isEqualTo("sans");
        assertThat(reader.getLineHeight()).isEqualTo(180);

        assertThat(browser.deliver()).isEqualTo(1);
        assertThat(browser.storage(StorageArea.LOCAL))
                .containsEntry("demo:reader", "2")
                .containsEntry("demo:reader.fontFamily", "\"sans\"")
                .containsEntry("demo:reader.lineHeight", "180")
                .doesNotContainKeys("demo:reader.font", "demo:reader.lineSpacing");
    }

    @Test
    void aSpacingTheFirstReleaseNeverWroteBecomesTheDefaultHeight() {
        InMemoryBrowser browser = holdingVersionOne("\"Serif\"", "\"cosy\"");

        browser.connect();
        ReaderSettingsStore reader = new ReaderSettingsStore(browser.server());
        assertThat(reader.getFontFamily()).isEqualTo("serif");
        assertThat(reader.getLineHeight()).isEqualTo(150);
    }

    @Test
    void aBrowserThatNeverHadTheStoreGetsTheVersionWithItsFirstWrite() {
        InMemoryBrowser browser = InMemoryBrowser.builder()
                .app("demo")
                .stores(ReaderSettingsStore.DESCRIPTOR)
                .build();
        browser.connect();
        ReaderSettingsStore reader = new ReaderSettingsStore(browser.server());
        assertThat(reader.getLineHeight()).isEqualTo(150);

        reader.setLineHeight(120);
        browser.deliver();
        assertThat(browser.storage(StorageArea.LOCAL))
                .containsEntry("demo:reader", "2")
                .containsEntry("demo:reader.lineHeight", "120");
    }
}
