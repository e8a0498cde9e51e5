package dev.browserstorage.it.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.quarkus.redis.testing.Waits;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * (h) A rolling restart under load (issue #16): a page connected through the balancer keeps applying
 * batches, as the glue does, while the test writes through the balancer every 200 ms; node 1 is
 * stopped (SIGTERM) and started again, then node 2. No write hangs, none answered 200 is lost or
 * applied twice, and writes succeed again once both nodes are back.
 */
class RollingRestartIT extends ClusterTestBase {
    /** Where the demo keeps its recent searches (Preferences): each write stores ["<n>"]. */
    private static final String RECENT = "demo:prefs.recentSearches";

    private static final long WRITE_EVERY_MILLIS = 200;
    /** A write must answer within this of being sent (the client's own timeout is {@link Http#REQUEST_TIMEOUT}). */
    private static final Duration ANSWER_BOUND = Http.REQUEST_TIMEOUT.plusSeconds(5);
    /** After both nodes are back, and the balancer has seen them, every write must succeed. */
    private static final Duration SETTLE_AFTER_RESTARTS = Duration.ofSeconds(2);

    private static final Duration RECONNECT_TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void writesThroughTheBalancerOutliveARollingRestartExactlyOnce() throws Exception {
        String credential = Http.newBrowser(balancer.url());
        Glue glue = new Glue(new Page(credential, "tab-h"), balancer.url());
        glue.page.connect(balancer.url(), false);
        glue.start();
        Writes writes = new Writes(credential);
        writes.start();
        try {
            Waits.sleep(2000);
            restart(node1);
            Waits.sleep(2000);
            restart(node2);
            long settled = System.nanoTime() + SETTLE_AFTER_RESTARTS.toNanos();
            Waits.sleep(3000 + SETTLE_AFTER_RESTARTS.toMillis());
            writes.stop();

            // Every write answers, within the bound: 200, or the typed storage error.
            Map<Integer, Outcome> outcomes = writes.awaitAll();
            String report = report(outcomes, glue);
            System.out.println(report);
            assertThat(glue.errors)
                    .as("the page's glue ran without trouble%s", report)
                    .isEmpty();
            assertThat(outcomes.values())
                    .as(
                            "every write answers within %s s of being sent, 200 or the typed storage error%s",
                            ANSWER_BOUND.toSeconds(), report)
                    .allMatch(o -> o.ok() || o.storageError());
            assertThat(outcomes.values())
                    .as(
                            "every write sent %s s after both nodes were back succeeds%s",
                            SETTLE_AFTER_RESTARTS.toSeconds(), report)
                    .filteredOn(o -> o.sentAt() > settled)
                    .isNotEmpty()
                    .allMatch(Outcome::ok);

            // A last write, once every other answered: it succeeds, and the page ends with it.
            int last = outcomes.size() + 1;
            Http.Answer lastAnswer = answerWithin(
                    Http.post(balancer.url(), "api/prefs", body(last), credential), ANSWER_BOUND, "the last write");
            assertThat(lastAnswer.status())
                    .as("the last write: %s%s", lastAnswer, report)
                    .isEqualTo(200);
            glue.stop();

            // Each write answered 200 was applied by the page once; none applied twice; no batch applied twice.
            Map<Integer, Integer> appliedTimes = new LinkedHashMap<>();
            glue.applied.forEach(a -> appliedTimes.merge(a.value(), 1, Integer::sum));
            List<String> tokens = glue.applied.stream().map(Applied::token).toList();
            assertThat(tokens)
                    .as("no batch (token) applied twice%s", report(outcomes, glue))
                    .doesNotHaveDuplicates();
            assertThat(appliedTimes)
                    .as("no write applied twice%s", report(outcomes, glue))
                    .allSatisfy((value, times) ->
                            assertThat(times).as("write %d", value).isEqualTo(1));
            for (Outcome outcome : outcomes.values()) {
                if (outcome.ok()) {
                    assertThat(appliedTimes.getOrDefault(outcome.value(), 0))
                            .as(
                                    "write %d answered 200: the page applied it once%s",
                                    outcome.value(), report(outcomes, glue))
                            .isEqualTo(1);
                }
            }
            assertThat(appliedTimes).as("the last write was applied").containsEntry(last, 1);
            assertThat(glue.page.local)
                    .as("the page's localStorage ends with the last write%s", report(outcomes, glue))
                    .containsEntry(RECENT, Http.json(List.of(Integer.toString(last))));
            for (AppNode node : List.of(node1, node2)) {
                Http.Answer read = Http.get(node.url(), "api/prefs", credential);
                assertThat(read.status()).as("read on %s: %s", node, read).isEqualTo(200);
                assertThat(read.json().path("recentSearches").toString())
                        .as("read on %s: the last write", node)
                        .isEqualTo(Http.json(List.of(Integer.toString(last))));
            }
        } finally {
            writes.stop();
            glue.stop();
            glue.page.close();
        }
    }

    /** Stops a node as an orchestrator does (SIGTERM), starts it again, and lets the balancer see it. */
    private static void restart(AppNode node) {
        node.stop();
        node.start();
        Waits.sleep(700);
    }

    private static String body(int value) {
        return "{\"recentSearches\":[\"" + value + "\"]}";
    }

    /** A write's answer, or why none came. */
    private record Outcome(int value, long sentAt, long millis, Optional<Http.Answer> answer, String failure) {
        boolean ok() {
            return answer.isPresent() && answer.get().status() == 200;
        }

        /** The demo's answer to a typed storage error (StorageErrors): 409 or 503 with {"error":"storage"}. */
        boolean storageError() {
            if (answer.isEmpty()
                    || (answer.get().status() != 409 && answer.get().status() != 503)) {
                return false;
            }
            try {
                return "storage"
                        .equals(Http.JSON
                                .readTree(answer.get().body())
                                .path("error")
                                .asText());
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return value + ": "
                    + answer.map(a -> a.status()
                                    + a.node().map(n -> " from " + n).orElse("")
                                    + (a.status() == 200 ? "" : " " + a.body().replaceAll("\\s+", " ")))
                            .orElse(failure)
                    + " after " + millis + " ms";
        }
    }

    /** The writes of the test: {"recentSearches":["<n>"]} through the balancer every 200 ms, n = 1, 2, 3... */
    private static final class Writes {
        private record Sent(int value, long sentAt, CompletableFuture<Http.Answer> answer) {}

        private final String credential;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rolling-restart-writes");
            thread.setDaemon(true);
            return thread;
        });
        private final AtomicInteger next = new AtomicInteger();
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final java.util.concurrent.ConcurrentHashMap<Integer, Long> answeredAt =
                new java.util.concurrent.ConcurrentHashMap<>();

        Writes(String credential) {
            this.credential = credential;
        }

        void start() {
            timer.scheduleAtFixedRate(
                    () -> {
                        int value = next.incrementAndGet();
                        long at = System.nanoTime();
                        CompletableFuture<Http.Answer> answer;
                        try {
                            answer = Http.post(balancer.url(), "api/prefs", body(value), credential);
                        } catch (RuntimeException e) {
                            answer = CompletableFuture.failedFuture(e);
                        }
                        // The answer's time, taken when it comes: the test reads the answers only at the end.
                        sent.add(new Sent(
                                value,
                                at,
                                answer.whenComplete((a, failure) -> answeredAt.put(value, System.nanoTime()))));
                    },
                    0,
                    WRITE_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for each write's answer, up to {@link #ANSWER_BOUND} after it was sent. */
        Map<Integer, Outcome> awaitAll() {
            Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
            for (Sent one : sent) {
                long left = one.sentAt() + ANSWER_BOUND.toNanos() - System.nanoTime();
                Optional<Http.Answer> answer = Optional.empty();
                String failure = null;
                try {
                    answer = Optional.of(one.answer().get(Math.max(0, left), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    failure = "no answer within " + ANSWER_BOUND.toSeconds() + " s";
                } catch (ExecutionException e) {
                    failure = "failed: " + e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(
                        answeredAt.getOrDefault(one.value(), System.nanoTime()) - one.sentAt());
                outcomes.put(one.value(), new Outcome(one.value(), one.sentAt(), millis, answer, failure));
            }
            return outcomes;
        }
    }

    /** A batch the page applied: its id, token and the write's value. */
    private record Applied(long id, String token, int value) {}

    /**
     * The glue of the page, on a thread of its own: applies each batch once (by id, and by token),
     * acknowledges what it gets, and reconnects through the balancer with resume and its applied
     * count whenever its socket closes.
     */
    private static final class Glue {
        final Page page;
        final URI base;
        final List<Applied> applied = new ArrayList<>();
        final List<String> redelivered = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> otherFrames = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        final List<String> reconnects = new ArrayList<>();
        private final Set<String> tokens = new HashSet<>();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::run, "rolling-restart-glue");

        Glue(Page page, URI base) {
            this.page = page;
            this.base = base;
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void run() {
            long start = System.nanoTime();
            while (running) {
                try {
                    SyncSocket socket = page.socket;
                    Optional<JsonNode> frame = socket.poll(Duration.ofMillis(100));
                    if (frame.isPresent()) {
                        handle(frame.get());
                    } else if (!socket.isOpen()) {
                        String why = "closed with " + socket.closed().getNow(null);
                        try {
                            page.reconnect(base, RECONNECT_TIMEOUT);
                        } catch (AssertionError e) {
                            synchronized (this) {
                                errors.add(e.getMessage());
                            }
                            continue;
                        }
                        synchronized (this) {
                            reconnects.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms: " + why
                                    + ", reconnected with applied " + page.applied);
                        }
                    }
                } catch (AssertionError | RuntimeException e) {
                    if (page.socket != null && !page.socket.isOpen()) {
                        // An ack on a socket that just closed: the next hello's applied count carries it.
                        continue;
                    }
                    synchronized (this) {
                        errors.add(e.toString());
                    }
                    Waits.sleep(100);
                }
            }
        }

        private void handle(JsonNode frame) {
            if (!"batch".equals(frame.path("t").asText())) {
                synchronized (this) {
                    otherFrames.add(frame.toString());
                }
                return;
            }
            long id = frame.path("id").asLong();
            String token = frame.path("token").asText();
            synchronized (this) {
                if (tokens.contains(token)) {
                    // Applied already (its ack was lost): the glue takes its id as applied and acknowledges it.
                    redelivered.add(id + "/" + token);
                    page.applied = Math.max(page.applied, id);
                    page.socket.ack(id);
                    return;
                }
                if (id <= page.applied) {
                    // The glue does not apply it again: it acknowledges it, and says what it holds instead.
                    skipped.add(frame.toString());
                    page.socket.ack(id);
                    for (JsonNode write : frame.path("writes")) {
                        String key = write.path("key").asText();
                        String held = page.local.get(key);
                        if ("local".equals(write.path("area").asText())
                                && !java.util.Objects.equals(
                                        held, write.path("value").asText(null))) {
                            page.socket.change("local", key, held);
                        }
                    }
                    return;
                }
                int value = -1;
                for (JsonNode write : frame.path("writes")) {
                    if (RECENT.equals(write.path("key").asText())
                            && write.path("value").isTextual()) {
                        try {
                            value = Integer.parseInt(Http.JSON
                                    .readTree(write.path("value").asText())
                                    .path(0)
                                    .asText());
                        } catch (IOException | NumberFormatException e) {
                            errors.add("a batch writes " + RECENT + " = " + write.path("value") + ": " + e);
                        }
                    }
                }
                tokens.add(token);
                applied.add(new Applied(id, token, value));
                page.apply(frame);
            }
        }
    }

    private static String report(Map<Integer, Outcome> outcomes, Glue glue) {
        synchronized (glue) {
            return "\n--- rolling restart: " + outcomes.size() + " writes, "
                    + outcomes.values().stream().filter(Outcome::ok).count() + " answered 200"
                    + "\nnot 200: "
                    + outcomes.values().stream()
                            .filter(o -> !o.ok())
                            .map(Outcome::toString)
                            .collect(Collectors.joining("; "))
                    + "\nslowest: "
                    + outcomes.values().stream()
                            .sorted((a, b) -> Long.compare(b.millis(), a.millis()))
                            .limit(5)
                            .map(Outcome::toString)
                            .collect(Collectors.joining("; "))
                    + "\napplied (id/value): "
                    + glue.applied.stream().map(a -> a.id() + "/" + a.value()).collect(Collectors.joining(" "))
                    + "\nredelivered (acked, not applied again): " + glue.redelivered
                    + "\nskipped by id: " + glue.skipped
                    + "\nreconnects: " + glue.reconnects
                    + "\nother frames: " + glue.otherFrames
                    + "\nglue errors: " + glue.errors
                    + "\nlogs: " + node1.log().getParent() + "\n---";
        }
    }
}
