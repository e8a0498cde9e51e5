package dev.browserstorage.it.redis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events stream of the demo ({@code GET /api/changes}: the change feed), opened with a
 * browser's {@code bs_id} cookie and read in the background. {@link #close()} cancels it, which
 * closes the connection as a browser's {@code EventSource.close()} does. Every wait is bounded.
 */
final class EventStream implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    /**
     * One event.
     *
     * @param event its name ({@code message} when it has none)
     * @param data its data (lines joined with a line feed)
     */
    record Event(String event, String data) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("the event's data is not JSON: " + this, e);
            }
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final String where;
    private volatile int status;

    private EventStream(String where) {
        this.where = where;
    }

    /**
     * Opens the stream and waits until its answer's headers arrive.
     *
     * @param base a node or the balancer
     * @param path the stream's path
     * @param credential the browser's {@code bs_id} credential
     * @return the open stream (answered 200)
     */
    static EventStream open(URI base, String path, String credential) {
        EventStream stream = new EventStream(base.resolve(path).toString());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Accept", "text/event-stream")
                .header("Cookie", Http.ID_COOKIE + "=" + credential)
                .build();
        // The answer's future completes only with the body: the headers are awaited through the handler.
        CompletableFuture<Integer> headers = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> answer = CLIENT.sendAsync(request, info -> {
            headers.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
        });
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                headers.completeExceptionally(failure);
            }
        });
        try {
            stream.status = headers.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            answer.cancel(true);
            throw new AssertionError("the event stream " + stream.where + " did not answer within 10 s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the event stream " + stream.where + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (stream.status != 200) {
            stream.close();
            throw new AssertionError("the event stream " + stream.where + " answered " + stream.status);
        }
        return stream;
    }

    /**
     * @param timeout how long at most
     * @return the next event, or empty when none came in time
     */
    Optional<Event> poll(Duration timeout) {
        try {
            return Optional.ofNullable(events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param timeout how long at most
     * @param what what is awaited, for the failure's message
     * @return the next event
     * @throws AssertionError when none comes in time
     */
    Event next(Duration timeout, String what) {
        return poll(timeout)
                .orElseThrow(() -> new AssertionError("no event (" + what + ") on " + where + " within "
                        + timeout.toSeconds() + " s" + (ended.isDone() ? "; the stream ended: " + ended.join() : "")));
    }

    @Override
    public void close() {
        subscription.thenAccept(Flow.Subscription::cancel);
    }

    @Override
    public String toString() {
        return "event stream " + where;
    }

    /** Parses the stream's lines into events (text/event-stream: {@code event:}, {@code data:}, a blank line). */
    private final class Lines implements Flow.Subscriber<String> {
        private String name = "message";
        private final StringBuilder data = new StringBuilder();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            EventStream.this.subscription.complete(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new Event(name, data.toString()));
                }
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                data.append(data.isEmpty() ? "" : "\n")
                        .append(line.substring("data:".length()).strip());
            }
        }

        @Override
        public void onError(Throwable error) {
            ended.complete(error.toString());
        }

        @Override
        public void onComplete() {
            ended.complete("end of stream");
        }
    }
}
