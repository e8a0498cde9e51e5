package dev.browserstorage.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.htmlunit.html.HtmlCheckBoxInput;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The change feed ({@code GET /api/changes}, {@link ChangeFeedResource}): a server-side listener on
 * the request's browser, streamed as Server-Sent Events to a client that carries the browser's
 * cookie, while the page in HtmlUnit edits a bound field and the server writes.
 */
@QuarkusTest
class ChangeFeedTest extends DemoAppTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChangeFeedResource feed;

    @Test
    void theFeedStreamsWhatTheListenersHearAndRemovesThemWhenTheClientGoesAway() throws Exception {
        HtmlPage page = browser.openSettings();
        int before = feed.listening();

        try (Events events = Events.open(browser.url("api/changes"), browser.credential())) {
            assertThat(events.next(browser, "the ready event").event()).isEqualTo("ready");
            assertThat(feed.listening()).isEqualTo(before + 1);

            page.<HtmlCheckBoxInput>getHtmlElementById("notify-email").click();
            Event edited = events.next(browser, "the change of the bound field");
            assertThat(edited.event()).isEqualTo("change");
            assertThat(edited.json().toString())
                    .as("the page's edit, heard through its change frame")
                    .isEqualTo("{\"store\":\"notify\",\"field\":\"email\",\"value\":false,\"source\":\"BROWSER\"}");

            DemoBrowser.Answer write = browser.post("api/prefs", "{\"theme\":\"DARK\"}");
            assertThat(write.status()).as(write.toString()).isEqualTo(200);
            Event written = events.next(browser, "the change of the server's write");
            assertThat(written.json().toString())
                    .as("a server write is heard when it is made")
                    .isEqualTo(
                            "{\"store\":\"prefs\",\"field\":\"theme\",\"value\":\"DARK\",\"source\":\"SERVER_WRITE\"}");
        }

        browser.waitUntil(
                "the feed's listeners are removed once its client went away", () -> feed.listening() == before);
    }

    /** One Server-Sent Event: its name and data. */
    record Event(String event, String data) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }
    }

    /** An event stream read by the JDK's client in the background; closing it closes the connection. */
    static final class Events implements AutoCloseable {
        private static final HttpClient CLIENT =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final AtomicReference<Stream<String>> lines = new AtomicReference<>();

        static Events open(URL url, String credential) throws URISyntaxException {
            Events opened = new Events();
            HttpRequest request = HttpRequest.newBuilder(url.toURI())
                    .header("Accept", "text/event-stream")
                    .header("Cookie", "bs_id=" + credential)
                    .build();
            CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                opened.lines.set(response.body());
                Thread reader = new Thread(() -> opened.read(response.body()), "change-feed-reader");
                reader.setDaemon(true);
                reader.start();
            });
            return opened;
        }

        private void read(Stream<String> body) {
            String[] event = {"message"};
            StringBuilder data = new StringBuilder();
            try {
                body.forEach(line -> {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(event[0], data.toString()));
                        }
                        event[0] = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n")
                                .append(line.substring(5).strip());
                    }
                });
            } catch (UncheckedIOException | IllegalStateException e) {
                // Closed.
            }
        }

        /** The next event, letting the page's scripts run meanwhile. */
        Event next(DemoBrowser browser, String what) {
            AtomicReference<Event> next = new AtomicReference<>();
            browser.waitUntil(what, () -> {
                try {
                    next.set(events.poll(20, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                return next.get() != null;
            });
            return next.get();
        }

        @Override
        public void close() {
            Stream<String> body = lines.get();
            if (body != null) {
                body.close();
            }
        }
    }
}
