package dev.browserstorage.bench.app;

import dev.browserstorage.bench.model.BenchPreferences;
import dev.browserstorage.bench.model.BenchPreferencesStore;
import dev.browserstorage.bench.model.Theme;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.Browsers;
import io.quarkus.websockets.next.OpenConnections;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Starts server-side measurements and reports the server's state. Every measurement is on a
 * connected browser, named by {@code browser} or, for a page, by its {@code bs_id} cookie.
 */
@Path("/bench")
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {
    /** What a ping carries: the size of a one-write batch frame. */
    static final String PING_TEXT =
            "{\"t\":\"batch\",\"id\":1000000,\"writes\":[{\"area\":\"local\",\"key\":\"bench:prefs.fontSize\",\"value\":\"16\"}]}";

    private static final BenchPreferences EVEN =
            preferences(Theme.DARK, 16, "fr", "America/New_York", false, 1.25, List.of("jmh", "quarkus", "websocket"));
    private static final BenchPreferences ODD =
            preferences(Theme.LIGHT, 15, "de", "Asia/Tokyo", true, 0.9, List.of("vert.x", "jackson"));

    @Inject
    Browsers browsers;

    @Inject
    PingConnections pings;

    @Inject
    OpenConnections openConnections;

    @Inject
    ChromiumReport chromium;

    /** Nanoseconds of each timed round trip. */
    public record Samples(long[] nanos) {}

    /** Units (writes or messages) completed in a measured period. */
    public record Rate(long units, double seconds) {}

    /** The heap after garbage collection, and what the server holds. */
    public record Heap(long usedBytes, int sessions, long connections) {}

    /**
     * Writes one field at a time through the generated store, each after the previous one's ack.
     *
     * @param browser the browser's id, or null to use the cookie
     * @param cookie the caller's browser id cookie
     * @param warmup writes first, untimed
     * @param count timed writes
     * @return each write's time from the setter call to the completion of its stage
     */
    @POST
    @Path("writes/latency")
    public CompletionStage<Samples> writeLatency(
            @QueryParam("browser") String browser,
            @CookieParam("bs_id") String cookie,
            @QueryParam("warmup") @DefaultValue("1000") int warmup,
            @QueryParam("count") @DefaultValue("10000") int count) {
        BenchPreferencesStore store = new BenchPreferencesStore(connected(
                browser != null
                        ? browser
                        : cookie == null ? null : cookie.substring(0, Math.max(0, cookie.indexOf('.')))));
        return RoundTrips.sequential(warmup, count, i -> store.setFontSize(i % 2 == 0 ? 16 : 15))
                .thenApply(Samples::new);
    }

    /**
     * Pings a {@link PingEndpoint} connection, each ping after the previous one's reply.
     *
     * @param name the connection's name
     * @param warmup pings first, untimed
     * @param count timed pings
     * @return each ping's time from sending to the reply
     */
    @POST
    @Path("pings/latency")
    public CompletionStage<Samples> pingLatency(
            @QueryParam("name") String name,
            @QueryParam("warmup") @DefaultValue("1000") int warmup,
            @QueryParam("count") @DefaultValue("10000") int count) {
        PingConnections.Ping ping =
                pings.find(name).orElseThrow(() -> new NotFoundException("no ping connection " + name));
        return RoundTrips.sequential(warmup, count, i -> ping.send(PING_TEXT)).thenApply(Samples::new);
    }

    /**
     * Keeps writes in flight through the generated store and counts the acknowledged ones.
     *
     * @param browser the browser's id
     * @param window batches in flight
     * @param batched whether each batch sets the whole POJO (every field changes: 7 writes) or one field
     * @param warmupMillis how long to write before counting
     * @param measureMillis how long to count
     * @return the writes acknowledged in the measured period
     */
    @POST
    @Path("writes/throughput")
    public CompletionStage<Rate> writeThroughput(
            @QueryParam("browser") String browser,
            @QueryParam("window") @DefaultValue("128") int window,
            @QueryParam("batched") boolean batched,
            @QueryParam("warmupMillis") @DefaultValue("2000") long warmupMillis,
            @QueryParam("measureMillis") @DefaultValue("5000") long measureMillis) {
        BenchPreferencesStore store = new BenchPreferencesStore(connected(browser));
        int writesPerBatch = batched ? BenchPreferencesStore.DESCRIPTOR.fields().size() : 1;
        return RoundTrips.pipelined(
                        window,
                        warmupMillis,
                        measureMillis,
                        writesPerBatch,
                        i -> batched ? store.set(i % 2 == 0 ? EVEN : ODD) : store.setFontSize(i % 2 == 0 ? 16 : 15))
                .thenApply(units -> new Rate(units, measureMillis / 1000.0));
    }

    /**
     * Collects garbage until the used heap stops shrinking, then reports it.
     *
     * @return the used heap, the sessions and the open WebSocket connections
     * @throws InterruptedException if interrupted between collections
     */
    @GET
    @Path("heap")
    public Heap heap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            TimeUnit.MILLISECONDS.sleep(100);
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return new Heap(used, browsers.size(), openConnections.stream().count());
    }

    /**
     * Takes what the Chromium page measured.
     *
     * @param json the page's report
     */
    @POST
    @Path("chromium/report")
    @Consumes(MediaType.APPLICATION_JSON)
    public void postChromiumReport(String json) {
        chromium.post(json);
    }

    /** @return what the Chromium page measured, once it has posted it */
    @GET
    @Path("chromium/report")
    public CompletionStage<String> chromiumReport() {
        return chromium.await();
    }

    private Browser connected(String browserId) {
        Browser session = browserId == null ? null : browsers.find(browserId).orElse(null);
        if (session == null || !session.isConnected() || !session.isHydrated()) {
            throw new NotFoundException("browser " + browserId + " is not connected and hydrated");
        }
        return session;
    }

    private static BenchPreferences preferences(
            Theme theme,
            int fontSize,
            String language,
            String timeZone,
            boolean showTips,
            double zoom,
            List<String> recentSearches) {
        BenchPreferences preferences = new BenchPreferences();
        preferences.theme = theme;
        preferences.fontSize = fontSize;
        preferences.language = language;
        preferences.timeZone = timeZone;
        preferences.showTips = showTips;
        preferences.zoom = zoom;
        preferences.recentSearches = recentSearches;
        return preferences;
    }
}
