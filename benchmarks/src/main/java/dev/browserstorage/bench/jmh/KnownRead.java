package dev.browserstorage.bench.jmh;

import dev.browserstorage.StorageArea;
import dev.browserstorage.bench.model.BenchPreferencesStore;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.Write;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reads templates use ({@code <field>().orDefault()}, docs/templates.md), against the plain
 * getter: on a hydrated session, where both answer from the session's view, and on a session the
 * browser has not hydrated yet, where the read looks for a pending server write of the key among
 * all pending writes (one, or the default limit of 1000, the font size's last).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KnownRead {
    /** The default limit of writes waiting for one browser. */
    private static final int MAX_PENDING_WRITES = 1000;

    private BenchPreferencesStore hydrated;
    /** Not hydrated, with one pending write: the font size's. */
    private BenchPreferencesStore oneWrite;
    /** Not hydrated, with as many pending writes as the default limit allows, the font size's last. */
    private BenchPreferencesStore fullQueue;

    /** Hydrates one session, and fills the other with pending writes. */
    @Setup(Level.Trial)
    public void setUp() {
        Browser session = Browser.builder("jmh-hydrated", "bench").build();
        session.link()
                .hydrate(new Snapshot(
                        URI.create("http://localhost/"),
                        Map.of("bench:prefs.fontSize", "16", "bench:prefs.language", "\"fr\""),
                        Map.of(),
                        Map.of()));
        hydrated = new BenchPreferencesStore(session);

        oneWrite = waiting(1);
        fullQueue = waiting(MAX_PENDING_WRITES);
    }

    private static BenchPreferencesStore waiting(int pendingWrites) {
        Browser session =
                Browser.builder("jmh-waiting-" + pendingWrites, "bench").build();
        for (int i = 1; i < pendingWrites; i++) {
            session.write(List.of(Write.set(StorageArea.LOCAL, "bench:other.key" + i, "1")));
        }
        BenchPreferencesStore store = new BenchPreferencesStore(session);
        store.setFontSize(16);
        return store;
    }

    /** @return the font size through the throwing getter (hydrated) */
    @Benchmark
    public int hydratedGetter() {
        return hydrated.getFontSize();
    }

    /** @return the font size through the template read (hydrated) */
    @Benchmark
    public int hydratedOrDefault() {
        return hydrated.fontSize().orDefault();
    }

    /** @return the font size the server wrote, before the browser's snapshot, one write pending */
    @Benchmark
    public int pendingOrDefaultOneWrite() {
        return oneWrite.fontSize().orDefault();
    }

    /** @return the language's default, before the browser's snapshot, one write (not its) pending */
    @Benchmark
    public String unknownOrDefaultOneWrite() {
        return oneWrite.language().orDefault();
    }

    /** @return the font size the server wrote, before the browser's snapshot, 1000 writes pending */
    @Benchmark
    public int pendingOrDefaultFullQueue() {
        return fullQueue.fontSize().orDefault();
    }

    /** @return the language's default, before the browser's snapshot, 1000 writes (none its) pending */
    @Benchmark
    public String unknownOrDefaultFullQueue() {
        return fullQueue.language().orDefault();
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @param args unused
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        System.out.printf("%nTemplate reads (ns/op): %s%n", JmhRun.scores(KnownRead.class));
    }
}
