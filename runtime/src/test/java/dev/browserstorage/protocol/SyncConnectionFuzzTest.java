package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.browser.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Protocol fuzzing against {@link SyncConnection} itself (no socket, so it can afford the bulk of
 * the count): sequences of hostile frames ({@link HostileFrames}) after which the connection has
 * either accepted each frame or refused it with a documented {@link ProtocolException}, and the
 * session still holds only what the limits allow.
 *
 * <p>The number of sequences comes from {@code jqwik.tries.default} (in {@code
 * junit-platform.properties}: 2,200 sequences of 20 to 80 frames, about 110,000 frames); run more
 * with {@code -Djqwik.tries.default=20000}.
 */
class SyncConnectionFuzzTest {
    private static final String APP = "demo";
    private static final Set<String> CODES = Set.of("bad-frame", "namespace", "too-large", "protocol");
    private static final AtomicLong FRAMES = new AtomicLong();
    private static final AtomicLong REFUSED = new AtomicLong();
    private static final AtomicLong CLOSED = new AtomicLong();

    private static final StorageLimits LIMITS = new StorageLimits(64 * 1024, 256 * 1024, 50, 4);

    private final HostileFrames hostile = new HostileFrames(APP, LIMITS.maxValueBytes(), LIMITS.maxAreaUnits());

    @Provide
    Arbitrary<List<String>> sequences() {
        return hostile.frame().list().ofMinSize(20).ofMaxSize(80);
    }

    @Property
    void everyFrameIsAcceptedOrRefusedWithADocumentedErrorAndTheSessionStaysWithinItsLimits(
            @ForAll("sequences") List<String> frames) throws Exception {
        StorageLimits limits = LIMITS;
        Browser session = Browser.builder("b1", APP).limits(limits).build();
        // Writes waiting for the browser, so that acks, fails and 'applied' have batches to hit.
        for (int i = 0; i < 3; i++) {
            session.write(List.of(Write.set(StorageArea.LOCAL, APP + ":prefs.w" + i, "\"" + i + "\"")));
        }
        List<String> sent = new ArrayList<>();
        SyncConnection connection = new SyncConnection(session, sent::add);
        // Half the sequences start connected, so that the frames reach the paths behind the hello.
        if (frames.hashCode() % 2 == 0) {
            connection.receive(hostile.goodHello());
        }
        for (String frame : frames) {
            FRAMES.incrementAndGet();
            try {
                connection.receive(frame);
            } catch (ProtocolException e) {
                REFUSED.incrementAndGet();
                assertThat(e.code()).as("error code for %s", abbreviate(frame)).isIn(CODES);
                assertThat(e.closeCode()).isIn(0, ProtocolException.CLOSE_PROTOCOL_VIOLATION);
                assertThat(e.getMessage()).isNotBlank();
                assertThat(e.getMessage().length())
                        .as("an error message does not echo a huge input")
                        .isLessThan(1000);
                if (e.closeCode() != 0) {
                    // The endpoint closes the socket; the glue reconnects with a fresh connection.
                    CLOSED.incrementAndGet();
                    connection.closed();
                    connection = new SyncConnection(session, sent::add);
                    if (CLOSED.get() % 2 == 0) {
                        connection.receive(hostile.goodHello());
                    }
                }
            }
            checkInvariants(session, limits, sent);
        }
        checkState(session);
    }

    private static void checkInvariants(Browser session, StorageLimits limits, List<String> sent) throws Exception {
        if (session.isHydrated()) {
            for (StorageArea area : List.of(StorageArea.LOCAL, StorageArea.SESSION)) {
                assertThat(session.unitsUsed(area)).isLessThanOrEqualTo(limits.maxAreaUnits());
            }
        }
        List<Long> ids = session.pendingBatchIds();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(ids.get(i)).isPositive().isLessThanOrEqualTo(Frames.MAX_BATCH_ID);
            if (i > 0) {
                assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
            }
        }
        for (String frame : sent) {
            assertThat(frame).matches("\\{\"t\":\"(welcome|batch|batches)\".*");
        }
        sent.clear();
    }

    /** The checks that copy the session's state, once per sequence. */
    private static void checkState(Browser session) {
        if (session.isHydrated()) {
            for (StorageArea area : List.of(StorageArea.LOCAL, StorageArea.SESSION)) {
                assertThat(session.entries(area).keySet()).allMatch(key -> key.startsWith(APP + ":"));
            }
            assertThat(session.entries(StorageArea.COOKIE).size()).isLessThanOrEqualTo(Browser.MAX_COOKIES);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf(
                "SyncConnectionFuzzTest: %,d frames fuzzed, %,d refused, %,d closed the connection%n",
                FRAMES.get(), REFUSED.get(), CLOSED.get());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
