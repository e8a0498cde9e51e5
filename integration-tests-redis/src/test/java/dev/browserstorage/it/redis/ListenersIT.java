package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Server-side listeners on one node hear what happens to the browser on another (issue #16): the
 * demo's change feed ({@code GET /api/changes}, typed listeners on the request's browser streamed as
 * Server-Sent Events) opened on node 2, the browser's socket on node 1.
 */
class ListenersIT extends ClusterTestBase {
    private static final String VOLUME = "demo:notify.volume";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * (g) A listener on node 2 hears a change the page makes through its socket on node 1 (a bound
     * field's {@code change} frame), and a server write made on node 1 once the page acknowledged it.
     */
    @Test
    void aListenerOnOneNodeHearsChangesMadeThroughTheOther() throws Exception {
        try (Page page = newPage(node1, "tab-g")) {
            page.connect(node1.url(), false);
            try (EventStream feed = EventStream.open(node2.url(), "api/changes", page.credential)) {
                EventStream.Event ready = feed.next(EVENT_TIMEOUT, "ready");
                assertThat(ready.event())
                        .as("the feed's first event says its listeners are in place: %s", ready)
                        .isEqualTo("ready");

                // A bound field edited in the page: the glue sends a change frame on its socket (node 1).
                page.local.put(VOLUME, "35");
                page.socket.change("local", VOLUME, "35");
                EventStream.Event edited =
                        feed.next(EVENT_TIMEOUT, "the change the page sent to node 1, heard by the listener on node 2");
                assertThat(edited.event()).as("%s", edited).isEqualTo("change");
                JsonNode change = edited.json();
                assertThat(change.path("store").asText()).as("%s", change).isEqualTo("notify");
                assertThat(change.path("field").asText()).as("%s", change).isEqualTo("volume");
                assertThat(change.path("value").asInt()).as("%s", change).isEqualTo(35);
                assertThat(change.path("source").asText())
                        .as("a change made in the browser: %s", change)
                        .isEqualTo("BROWSER");

                // A server write on node 1, where the socket is: heard on node 2 once the page applied it.
                CompletableFuture<Http.Answer> write =
                        Http.post(node1.url(), "api/prefs", "{\"theme\":\"DARK\"}", page.credential);
                JsonNode batch = page.socket.nextBatch(BATCH_TIMEOUT);
                assertWritesLocal(batch, THEME, jsonText("DARK"));
                List<EventStream.Event> beforeAck = new ArrayList<>();
                feed.poll(Duration.ofMillis(500)).ifPresent(beforeAck::add);
                page.apply(batch);
                Http.Answer written = answerWithin(write, BATCH_TIMEOUT, "the write on node 1 after the ack");
                assertThat(written.status())
                        .as("the write on node 1: %s", written)
                        .isEqualTo(200);

                List<EventStream.Event> heard = new ArrayList<>(beforeAck);
                long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
                while (heard.stream().noneMatch(ListenersIT::isDarkTheme) && System.nanoTime() < deadline) {
                    feed.poll(Duration.ofMillis(200)).ifPresent(heard::add);
                }
                assertThat(heard)
                        .as(
                                "within %s s of the ack, the listener on node 2 hears the theme node 1 wrote"
                                        + " (events heard: %s)",
                                EVENT_TIMEOUT.toSeconds(), heard)
                        .anyMatch(ListenersIT::isDarkTheme);
                assertThat(heard)
                        .as("the write is heard once on node 2: %s", heard)
                        .filteredOn(ListenersIT::isDarkTheme)
                        .hasSize(1);
                Optional<EventStream.Event> more = feed.poll(Duration.ofSeconds(1));
                assertThat(more).as("nothing else is heard on node 2").isEmpty();
            }
        }
    }

    private static boolean isDarkTheme(EventStream.Event event) {
        if (!"change".equals(event.event())) {
            return false;
        }
        JsonNode change = event.json();
        return "prefs".equals(change.path("store").asText())
                && "theme".equals(change.path("field").asText())
                && "DARK".equals(change.path("value").asText());
    }
}
