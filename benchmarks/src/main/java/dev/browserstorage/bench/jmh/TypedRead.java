package dev.browserstorage.bench.jmh;

import dev.browserstorage.bench.model.BenchPreferencesStore;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 1, typed reads: a generated getter on a hydrated store, against {@code HashMap.get} of
 * the raw stored text (what an untyped cache would do) and against asking the browser (a get
 * request echoed over a WebSocket on loopback, the cheapest round trip there is).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TypedRead {
    private static final String FONT_SIZE_KEY = "bench:prefs.fontSize";
    private static final String LANGUAGE_KEY = "bench:prefs.language";
    private static final String GET_REQUEST = "{\"t\":\"get\",\"area\":\"local\",\"key\":\"" + FONT_SIZE_KEY + "\"}";

    private BenchPreferencesStore store;
    private final Map<String, String> raw = new HashMap<>();
    private final Map<String, Integer> decoded = new HashMap<>();

    private Vertx vertx;
    private WebSocket socket;
    private volatile CompletableFuture<String> reply;

    /**
     * Hydrates a session with the stored texts, the same ones in the map, and starts the echo.
     *
     * @throws Exception if the echo does not start
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        raw.put(FONT_SIZE_KEY, "16");
        raw.put(LANGUAGE_KEY, "\"fr\"");
        raw.put("bench:prefs.theme", "\"DARK\"");
        raw.put("bench:prefs.recentSearches", "[\"jmh\",\"quarkus\"]");
        decoded.put(FONT_SIZE_KEY, 16);
        Browser session = Browser.builder("jmh-browser", "bench").build();
        session.link().hydrate(new Snapshot(URI.create("http://localhost/"), new HashMap<>(raw), Map.of(), Map.of()));
        store = new BenchPreferencesStore(session);

        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket = vertx.createWebSocketClient()
                .connect(new WebSocketConnectOptions()
                        .setHost("127.0.0.1")
                        .setPort(server.actualPort())
                        .setURI("/"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> reply.complete(text));
    }

    /** Stops the echo. */
    @TearDown(Level.Trial)
    public void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** @return the font size, decoded once and then served from the session's cache */
    @Benchmark
    public int generatedGetterInt() {
        return store.getFontSize();
    }

    /** @return the language, the same path for a String field */
    @Benchmark
    public String generatedGetterString() {
        return store.getLanguage();
    }

    /**
     * The baseline: the raw stored text of the font size. Not constant-folded: the map is an
     * instance field, which the JIT does not take as a constant, and its contents never are; JMH's
     * loop reads a volatile flag between calls, so the map's fields are read again on every call,
     * and the returned value goes to JMH's blackhole. The key is a constant, as the getter's field
     * is.
     *
     * @return the text
     */
    @Benchmark
    public String hashMapGet() {
        return raw.get(FONT_SIZE_KEY);
    }

    /**
     * A second baseline, the closest untyped equivalent of the getter: a map of decoded values,
     * unboxed to the {@code int} the getter returns.
     *
     * @return the font size
     */
    @Benchmark
    public int hashMapGetDecoded() {
        return decoded.get(FONT_SIZE_KEY);
    }

    /**
     * @return the echo of a get request
     * @throws Exception if it does not come back
     */
    @Benchmark
    public String browserRoundTrip() throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        reply = answer;
        socket.writeTextMessage(GET_REQUEST);
        return answer.get(10, TimeUnit.SECONDS);
    }

    /**
     * Runs the benchmark and prints the ratios.
     *
     * @param args unused
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, Double> ns = JmhRun.scores(TypedRead.class);
        double baseline = ns.get("hashMapGet");
        System.out.printf("%nTyped read (ns/op): %s%n", ns);
        System.out.printf(
                "generated getter (int) / HashMap.get = %.2fx (target <= 2x)%n",
                ns.get("generatedGetterInt") / baseline);
        System.out.printf(
                "generated getter (String) / HashMap.get = %.2fx (target <= 2x)%n",
                ns.get("generatedGetterString") / baseline);
        System.out.printf(
                "generated getter (int) / HashMap.get of the decoded Integer = %.2fx (reference)%n",
                ns.get("generatedGetterInt") / ns.get("hashMapGetDecoded"));
        System.out.printf(
                "browser round trip / generated getter (int) = %.0fx faster (target >= 100x)%n",
                ns.get("browserRoundTrip") / ns.get("generatedGetterInt"));
    }
}
