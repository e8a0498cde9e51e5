package dev.browserstorage.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step after each hydration: when it runs, what it sees, for browsers and tabs. */
class HydrationStepTest {
    private static final Snapshot LOCAL =
            new Snapshot(URI.create("https://shop.example/"), Map.of("demo:a", "1"), Map.of(), Map.of());

    @Test
    void theStepSeesTheSnapshotAndWritesBeforeTheHydrationCompletes() {
        List<String> seen = new ArrayList<>();
        Browser browser = Browser.builder("b1", "demo")
                .afterHydrate(hydrated -> {
                    seen.add("hydrated=" + hydrated.isHydrated() + " view="
                            + hydrated.link().view(StorageArea.LOCAL));
                    hydrated.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "2")));
                })
                .build();
        browser.awaitHydrated().thenRun(() -> seen.add("awaited " + browser.readText(StorageArea.LOCAL, "demo:a")));

        browser.link().hydrate(LOCAL);
        browser.link().hydrate(LOCAL);

        assertThat(seen)
                .containsExactly(
                        "hydrated=false view={demo:a=1}", "awaited Optional[2]", "hydrated=true view={demo:a=2}");
    }

    @Test
    void aFailingStepLeavesTheHydrationStanding() {
        Browser browser = Browser.builder("b1", "demo")
                .afterHydrate(hydrated -> {
                    throw new IllegalStateException("broken step");
                })
                .build();

        browser.link().hydrate(LOCAL);

        assertThat(browser.isHydrated()).isTrue();
        assertThat(browser.readText(StorageArea.LOCAL, "demo:a")).contains("1");
    }

    @Test
    void tabsRunTheBrowsersStepForTheirOwnHydration() {
        List<String> seen = new ArrayList<>();
        Browser browser = Browser.builder("b1", "demo")
                .afterHydrate(new HydrationStep() {
                    @Override
                    public void hydrated(Browser hydrated) {
                        seen.add("browser");
                    }

                    @Override
                    public void tabHydrated(Tab tab) {
                        seen.add("tab " + tab.tabId() + " " + tab.link().view(StorageArea.SESSION));
                    }
                })
                .build();
        browser.link().hydrate(LOCAL);

        browser.tab("t1").link().hydrate(new Snapshot(null, Map.of(), Map.of("demo:s", "\"x\""), Map.of()));

        assertThat(seen).containsExactly("browser", "tab t1 {demo:s=\"x\"}");
    }
}
