package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.cookie.CookieOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pending batches a page carries (docs/protocol.md, "Rendered batches"). */
class RenderedBatchesTest {
    private final Browser session = Browser.builder("b1", "demo").build();
    private final Tab tab = session.tab("t1");

    @Test
    void browserBatchesThenTheTabsInIdOrderWithTokensAndWithoutIds() throws Exception {
        session.write(
                List.of(Write.set(StorageArea.LOCAL, "demo:a", "\"x\""), Write.remove(StorageArea.LOCAL, "demo:b")));
        tab.write(List.of(Write.set(StorageArea.SESSION, "demo:d", "2")));
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:c", "3")));
        List<WriteBatch> local = session.link().pendingBatches();

        String text = Frames.rendered(local, "t1", tab.link().pendingBatches());

        assertThat(text)
                .isEqualTo("[{\"token\":\"" + local.get(0).token() + "\",\"writes\":["
                        + "{\"area\":\"local\",\"key\":\"demo:a\",\"value\":\"\\\"x\\\"\"},"
                        + "{\"area\":\"local\",\"key\":\"demo:b\",\"value\":null}]},"
                        + "{\"token\":\"" + local.get(1).token()
                        + "\",\"writes\":[{\"area\":\"local\",\"key\":\"demo:c\",\"value\":\"3\"}]},"
                        + "{\"token\":\"" + tab.link().pendingBatches().get(0).token()
                        + "\",\"tab\":\"t1\",\"writes\":["
                        + "{\"area\":\"session\",\"key\":\"demo:d\",\"value\":\"2\"}]}]");
    }

    @Test
    void renderingStopsAtTheFirstBatchWithACookieSoTheOrderIsKept() throws Exception {
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:a", "1")));
        session.write(List.of(
                Write.set(StorageArea.LOCAL, "demo:b", "2"),
                Write.setCookie("lang", "en", CookieOptions.builder().build())));
        session.write(List.of(Write.set(StorageArea.LOCAL, "demo:c", "3")));

        JsonNode rendered =
                new ObjectMapper().readTree(Frames.rendered(session.link().pendingBatches(), null, List.of()));

        assertThat(rendered).hasSize(1);
        assertThat(rendered.get(0).path("writes").get(0).path("key").asText()).isEqualTo("demo:a");
    }

    @Test
    void atMostThirtyTwoBatchesThePageCannotRememberMoreTokens() throws Exception {
        for (int i = 0; i < 40; i++) {
            session.write(List.of(Write.set(StorageArea.LOCAL, "demo:k", String.valueOf(i))));
        }

        JsonNode rendered =
                new ObjectMapper().readTree(Frames.rendered(session.link().pendingBatches(), null, List.of()));

        assertThat(rendered).hasSize(Frames.MAX_RENDERED_BATCHES);
        assertThat(rendered.get(31).path("token").asText())
                .isEqualTo(session.link().pendingBatches().get(31).token());
    }

    @Test
    void nothingPendingIsAnEmptyArray() {
        assertThat(Frames.rendered(List.of(), "t1", List.of())).isEqualTo("[]");
    }
}
