package dev.browserstorage.protocol;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.RefusedChangeException;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Transport;
import dev.browserstorage.browser.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One browser connection speaking the sync protocol ({@code docs/protocol.md}): it turns the
 * browser's frames ({@link BrowserFrame}, read by {@link FrameReader}) into calls on its {@link
 * Browser} and tab, and their batches into frames ({@link ServerFrame}). Framework-free: the Quarkus
 * endpoint feeds it text frames and gives it a way to send them.
 *
 * <p>Every frame is checked before it touches the browser; a frame that cannot be accepted throws
 * {@link ProtocolException} and changes nothing. Not thread safe: frames of one connection arrive
 * one at a time.
 */
public final class SyncConnection implements Transport {
    /** Batches buffered for one frame are sent at once when their writes reach about this many characters. */
    private static final int COALESCE_LIMIT = 256 * 1024;

    /** A batch waiting for the flush, not yet a frame: its commit URLs are minted when it is sent. */
    private record Outgoing(WriteBatch batch, boolean tab) {}

    private final Browser browser;
    private final Consumer<String> out;
    private final Executor flusher;
    /** Batches written in the same moment, waiting for the flusher; guarded by itself. */
    private final List<Outgoing> buffered = new ArrayList<>();

    private long bufferedChars;
    /** Sends the batches of the tab's own, marked as such. */
    private final Transport tabTransport = batch -> send(batch, true);
    /** The origin of the page that opened the socket; {@code null} where the creator does not know it. */
    private final PageOrigin socketOrigin;

    private Tab tab;
    private boolean helloReceived;
    private Resumed resumed;

    /**
     * What a browser's {@code hello} said of the batches it was sent before: the highest id it
     * applied, of the browser's batches and of its tab's, and those it could not apply.
     *
     * @param applied the highest browser batch id applied, -1 if it names none
     * @param tabApplied the highest tab batch id applied, -1 if it names none
     * @param failed browser batches it could not apply, by id
     * @param tabFailed tab batches it could not apply, by id
     */
    public record Resumed(
            long applied,
            long tabApplied,
            Map<Long, BrowserStorageException> failed,
            Map<Long, BrowserStorageException> tabFailed) {}

    /**
     * Creates the connection of a browser.
     *
     * @param browser the browser
     * @param out sends one text frame to the browser; must not block
     */
    public SyncConnection(Browser browser, Consumer<String> out) {
        this(browser, out, null);
    }

    /**
     * Creates the connection of a browser whose batches written in the same moment go out in one
     * frame: the first batch schedules a flush on the flusher (for a WebSocket, its event loop), and
     * every batch written before the flush runs joins the same {@code batches} frame. The frames are
     * made (and HttpOnly commit URLs minted) by the flush, outside the browser's lock.
     *
     * @param browser the browser
     * @param out sends one text frame to the browser; must not block
     * @param flusher runs the flush soon after, on the connection's thread; {@code null} sends each
     *     batch at once
     */
    public SyncConnection(Browser browser, Consumer<String> out, Executor flusher) {
        this(browser, out, flusher, null);
    }

    /**
     * Creates the connection of a browser whose socket was opened by a page of a known origin. The
     * hello's {@code page} decides which cookie rules apply to every write for the browser, so a
     * hello that names no page, or a page of another origin, is refused: a script elsewhere that
     * opened the socket cannot make the server judge cookies for a page it is not.
     *
     * @param browser the browser
     * @param out sends one text frame to the browser; must not block
     * @param flusher runs the flush soon after, on the connection's thread; {@code null} sends each
     *     batch at once
     * @param handshakeOrigin the value of the handshake's {@code Origin} header, such as {@code
     *     https://shop.example}; {@code null} where it is not known, and the page is then not checked.
     *     A value that is no origin with a host ({@code "null"}, the origin of a sandboxed page)
     *     matches no page
     */
    public SyncConnection(Browser browser, Consumer<String> out, Executor flusher, String handshakeOrigin) {
        this.browser = Objects.requireNonNull(browser, "browser");
        this.out = Objects.requireNonNull(out, "out");
        this.flusher = flusher;
        this.socketOrigin = handshakeOrigin == null ? null : PageOrigin.ofHeader(handshakeOrigin);
    }

    /** @return the browser */
    public Browser browser() {
        return browser;
    }

    /** @return this connection's tab, once its hello has been received */
    public Optional<Tab> tab() {
        return Optional.ofNullable(tab);
    }

    /** @return what this connection's hello said of earlier batches, once it has been received */
    public Optional<Resumed> resumed() {
        return Optional.ofNullable(resumed);
    }

    /**
     * Handles one frame from the browser. Until a hello is accepted, the frame is read as a hello,
     * within the browser's limits; later frames are small, and read whole ({@link FrameReader}).
     *
     * @param text the frame
     * @throws ProtocolException if the frame is refused; nothing was changed
     */
    public void receive(String text) {
        if (!helloReceived) {
            hello(FrameReader.readHello(text, browser));
            return;
        }
        BrowserFrame frame = FrameReader.read(text);
        if (frame instanceof BrowserFrame.Ack ack) {
            target(ack.tab()).link().acknowledge(ack.id());
        } else if (frame instanceof BrowserFrame.Fail fail) {
            target(fail.tab()).link().fail(fail.id(), fail.error());
        } else if (frame instanceof BrowserFrame.Change change) {
            change(change);
        } else {
            throw ProtocolException.violation("'hello' was already received on this connection");
        }
    }

    /** The connection closed: the browser and tab keep their pending writes for the next connection. */
    public void closed() {
        browser.link().disconnect(this);
        if (tab != null) {
            tab.link().disconnect(tabTransport);
        }
    }

    @Override
    public void send(WriteBatch batch) {
        send(batch, false);
    }

    private void send(WriteBatch batch, boolean forTab) {
        if (flusher == null) {
            out.accept(frame(new Outgoing(batch, forTab)).toJson());
            return;
        }
        boolean schedule;
        boolean full;
        synchronized (buffered) {
            schedule = buffered.isEmpty();
            buffered.add(new Outgoing(batch, forTab));
            bufferedChars += chars(batch);
            full = bufferedChars >= COALESCE_LIMIT;
        }
        if (full) {
            flush();
        } else if (schedule) {
            flusher.execute(this::flush);
        }
    }

    /** About the characters a batch takes in a frame: its keys and values, and room for the rest. */
    private static long chars(WriteBatch batch) {
        long chars = 64;
        for (var write : batch.writes()) {
            chars += 96
                    + write.key().length()
                    + (write.value() == null ? 0 : write.value().length());
        }
        return chars;
    }

    private ServerFrame.Batch frame(Outgoing outgoing) {
        return ServerFrame.Batch.minting(
                outgoing.batch(),
                outgoing.tab(),
                browser.browserId(),
                browser.httpOnlyCommits().orElse(null));
    }

    /**
     * Sends the buffered batches: one as its own frame, several in one {@code batches} frame. Sent
     * under the buffer's lock, so that two flushes on two threads cannot reorder batches (the
     * browser would take a later id as proof that the earlier ones were applied).
     */
    public void flush() {
        synchronized (buffered) {
            if (buffered.isEmpty()) {
                return;
            }
            List<ServerFrame.Batch> frames = buffered.stream().map(this::frame).toList();
            out.accept(frames.size() == 1 ? frames.get(0).toJson() : new ServerFrame.Batches(frames).toJson());
            buffered.clear();
            bufferedChars = 0;
        }
    }

    /** What an {@code ack} or {@code fail} answers: the tab's for a batch marked {@code tab}. */
    private StorageTarget target(boolean forTab) {
        return forTab ? tab : browser;
    }

    private void hello(BrowserFrame.Hello hello) {
        if (socketOrigin != null && (hello.page() == null || !socketOrigin.equals(PageOrigin.of(hello.page())))) {
            throw ProtocolException.violation("'page' is not a page of the origin that opened this socket");
        }
        Snapshot browserSnapshot = new Snapshot(hello.page(), hello.local(), Map.of(), hello.cookies());
        Snapshot tabSnapshot = new Snapshot(hello.page(), Map.of(), hello.session(), Map.of());
        Tab helloTab = tab(hello);
        try {
            browser.link().hydrate(browserSnapshot);
            helloTab.link().hydrate(tabSnapshot);
        } catch (IllegalArgumentException e) {
            throw ProtocolException.violation(e.getMessage());
        }
        helloReceived = true;
        tab = helloTab;
        resumed = new Resumed(hello.applied(), hello.tabApplied(), hello.failed(), hello.tabFailed());
        catchUp(browser, hello.applied(), hello.failed());
        catchUp(tab, hello.tabApplied(), hello.tabFailed());
        out.accept(new ServerFrame.Welcome(browser.appId(), tab.tabId()).toJson());
        browser.link().connect(this);
        tab.link().connect(tabTransport);
    }

    /**
     * The tab this connection serves: the one the hello names, unless another connection holds it
     * (a duplicated tab carries a copy of its original's sessionStorage, id included) and the hello
     * does not say it resumes the tab (a reconnect, or the next page of the same tab); then, and for
     * a hello naming none, a new tab.
     */
    private Tab tab(BrowserFrame.Hello hello) {
        String requested = hello.tab();
        if (requested == null
                || (!hello.resume()
                        && browser.findTab(requested).map(Tab::isConnected).orElse(false))) {
            requested = UUID.randomUUID().toString().replace("-", "");
        }
        try {
            return browser.tab(requested);
        } catch (IllegalStateException e) {
            throw ProtocolException.violation(e.getMessage());
        }
    }

    /**
     * Acknowledges what the browser says it applied: the highest batch id it applied, kept by the
     * browser across reconnects, except the batches it says it failed. Those are failed first: their
     * {@code fail} frames may have been lost with a connection, and the applied count alone would
     * take them for applied once a later batch moved it past them.
     */
    private static void catchUp(StorageTarget target, long applied, Map<Long, BrowserStorageException> failed) {
        if (applied < 0) {
            return;
        }
        // First move the ids above the browser's, then settle what it reports: the other order would
        // settle writes of a new Browser (a restarted server) the browser never saw.
        target.link().continueBatchIdsAfter(applied);
        // A failed id above the count is sent again and answered again; only those below it need this.
        failed.forEach((id, error) -> {
            if (id <= applied) {
                target.link().fail(id, error);
            }
        });
        // The hello's snapshot already shows those batches, and any change the browser made after them.
        target.link().acknowledgeShownThrough(applied);
    }

    private void change(BrowserFrame.Change change) {
        try {
            (change.area() == StorageArea.SESSION ? (StorageTarget) tab : browser)
                    .link()
                    .browserChanged(change.area(), change.key(), change.value());
        } catch (RefusedChangeException e) {
            ProtocolException.Reason reason = switch (e.reason()) {
                case NAMESPACE -> ProtocolException.Reason.NAMESPACE;
                case TOO_LARGE -> ProtocolException.Reason.TOO_LARGE;
            };
            throw ProtocolException.refused(reason, e.getMessage());
        }
    }
}
