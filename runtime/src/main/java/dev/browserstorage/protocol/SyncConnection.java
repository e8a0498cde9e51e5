package dev.browserstorage.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.InvalidCookieException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.StorageArea;
import dev.browserstorage.StorageUnavailableException;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.TabId;
import dev.browserstorage.browser.Transport;
import dev.browserstorage.browser.WriteBatch;
import dev.browserstorage.cookie.CookieRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One browser connection speaking the sync protocol ({@code docs/protocol.md}): it turns the
 * browser's frames into calls on its {@link Browser}, and the session's batches into frames.
 * Framework-free: the Quarkus endpoint feeds it text frames and gives it a way to send them.
 *
 * <p>Every frame is checked before it touches the session; a frame that cannot be accepted throws
 * {@link ProtocolException} and changes nothing. Not thread safe: frames of one connection arrive
 * one at a time.
 */
public final class SyncConnection implements Transport {
    /** Batches buffered for one frame are sent at once when they reach this many characters. */
    private static final int COALESCE_LIMIT = 256 * 1024;

    private final Browser session;
    private final Consumer<String> out;
    private final Executor flusher;
    /** Batch frames written in the same moment, waiting for the flusher; guarded by itself. */
    private final List<String> buffered = new ArrayList<>();

    private int bufferedChars;
    /** Sends the batches of the tab's own session, marked as such. */
    private final Transport tabTransport = batch -> send(batch, true);
    /** The origin of the page that opened the socket; {@code null} where the creator does not know it. */
    private final PageOrigin socketOrigin;

    private Browser tab;
    private boolean helloReceived;

    /**
     * Creates the connection of a browser.
     *
     * @param session the browser's session
     * @param out sends one text frame to the browser; must not block
     */
    public SyncConnection(Browser session, Consumer<String> out) {
        this(session, out, null);
    }

    /**
     * Creates the connection of a browser whose batches written in the same moment go out in one
     * frame: the first batch schedules a flush on the flusher (for a WebSocket, its event loop), and
     * every batch written before the flush runs joins the same {@code batches} frame.
     *
     * @param session the browser's session
     * @param out sends one text frame to the browser; must not block
     * @param flusher runs the flush soon after, on the connection's thread; {@code null} sends each
     *     batch at once
     */
    public SyncConnection(Browser session, Consumer<String> out, Executor flusher) {
        this(session, out, flusher, null);
    }

    /**
     * Creates the connection of a browser whose socket was opened by a page of a known origin. The
     * hello's {@code page} decides which cookie rules apply to every write for the browser, so a
     * hello that names no page, or a page of another origin, is refused: a script elsewhere that
     * opened the socket cannot make the session judge cookies for a page it is not.
     *
     * @param session the browser's session
     * @param out sends one text frame to the browser; must not block
     * @param flusher runs the flush soon after, on the connection's thread; {@code null} sends each
     *     batch at once
     * @param handshakeOrigin the value of the handshake's {@code Origin} header, such as {@code
     *     https://shop.example}; {@code null} where it is not known, and the page is then not checked.
     *     A value that is no origin with a host ({@code "null"}, the origin of a sandboxed page)
     *     matches no page
     */
    public SyncConnection(Browser session, Consumer<String> out, Executor flusher, String handshakeOrigin) {
        this.session = Objects.requireNonNull(session, "session");
        this.out = Objects.requireNonNull(out, "out");
        this.flusher = flusher;
        this.socketOrigin = handshakeOrigin == null ? null : PageOrigin.ofHeader(handshakeOrigin);
    }

    /** @return the browser's session */
    public Browser session() {
        return session;
    }

    /** @return the session of this connection's tab, once its hello has been received */
    public Optional<Browser> tab() {
        return Optional.ofNullable(tab);
    }

    /**
     * Handles one frame from the browser. Until a hello is accepted, the frame is read as a hello,
     * within the session's limits ({@link HelloReader}); later frames are small, and read whole.
     *
     * @param text the frame
     * @throws ProtocolException if the frame is refused; nothing was changed
     */
    public void receive(String text) {
        if (!helloReceived) {
            hello(HelloReader.read(text, session));
            return;
        }
        JsonNode frame = Frames.parse(text);
        String type = frame.get("t").asText();
        switch (type) {
            case "hello":
                throw ProtocolException.violation("'hello' was already received on this connection");
            case "ack":
                target(frame).acknowledge(id(frame));
                break;
            case "fail":
                target(frame).fail(id(frame), failure(frame));
                break;
            case "change":
                change(frame);
                break;
            default:
                throw ProtocolException.refused("bad-frame", "unknown frame type '" + Frames.abbreviate(type) + "'");
        }
    }

    /** The connection closed: the sessions keep their pending writes for the next connection. */
    public void closed() {
        session.disconnect(this);
        if (tab != null) {
            tab.disconnect(tabTransport);
        }
    }

    @Override
    public void send(WriteBatch batch) {
        send(batch, false);
    }

    private void send(WriteBatch batch, boolean forTab) {
        String frame = Frames.batch(
                batch, forTab, session.browserId(), session.httpOnlyCommits().orElse(null));
        if (flusher == null) {
            out.accept(frame);
            return;
        }
        boolean schedule;
        boolean full;
        synchronized (buffered) {
            schedule = buffered.isEmpty();
            buffered.add(frame);
            bufferedChars += frame.length();
            full = bufferedChars >= COALESCE_LIMIT;
        }
        if (full) {
            flush();
        } else if (schedule) {
            flusher.execute(this::flush);
        }
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
            out.accept(buffered.size() == 1 ? buffered.get(0) : Frames.batches(buffered));
            buffered.clear();
            bufferedChars = 0;
        }
    }

    /** The session an {@code ack} or {@code fail} answers: the tab's for a batch marked {@code tab}. */
    private Browser target(JsonNode frame) {
        return frame.path("tab").asBoolean(false) ? tab : session;
    }

    private void hello(HelloReader.Hello hello) {
        JsonNode frame = hello.fields();
        if (frame.path("v").asInt(-1) != Frames.VERSION) {
            throw ProtocolException.violation(
                    "protocol version " + Frames.abbreviate(frame.path("v").toString())
                            + " is not supported; this server speaks " + Frames.VERSION);
        }
        if (!session.appId().equals(frame.path("app").asText(null))) {
            throw ProtocolException.violation("this server serves app '" + session.appId() + "', not "
                    + Frames.abbreviate(String.valueOf(frame.path("app"))));
        }
        URI page = page(frame);
        if (socketOrigin != null && (page == null || !socketOrigin.equals(PageOrigin.of(page)))) {
            throw ProtocolException.violation("'page' is not a page of the origin that opened this socket");
        }
        long applied = applied(frame, "applied");
        long tabApplied = applied(frame, "tabApplied");
        Map<Long, BrowserStorageException> failed = failed(frame, "failed");
        Map<Long, BrowserStorageException> tabFailed = failed(frame, "tabFailed");
        Snapshot browserSnapshot = new Snapshot(page, hello.local(), Map.of(), hello.cookies());
        Snapshot tabSnapshot = new Snapshot(page, Map.of(), hello.session(), Map.of());
        Browser tabSession = tab(frame);
        try {
            session.hydrate(browserSnapshot);
            tabSession.hydrate(tabSnapshot);
        } catch (IllegalArgumentException e) {
            throw ProtocolException.violation(e.getMessage());
        }
        helloReceived = true;
        tab = tabSession;
        catchUp(session, applied, failed);
        catchUp(tab, tabApplied, tabFailed);
        out.accept(Frames.welcome(session.appId(), tab.tabId().orElseThrow()));
        session.connect(this);
        tab.connect(tabTransport);
    }

    /**
     * The tab this connection serves: the one the hello names, unless another connection holds it
     * (a duplicated tab carries a copy of its original's sessionStorage, id included) and the hello
     * does not say it resumes the tab (a reconnect, or the next page of the same tab); then, and for
     * a hello naming none, a new tab.
     */
    private Browser tab(JsonNode frame) {
        JsonNode named = frame.path("tab");
        String requested = named.isTextual() ? named.asText() : null;
        if (!named.isMissingNode() && !named.isNull() && !TabId.isValid(requested)) {
            throw ProtocolException.violation("'tab' must be " + TabId.RULE);
        }
        boolean resume = frame.path("resume").asBoolean(false);
        if (requested == null
                || (!resume
                        && session.findTab(requested).map(Browser::isConnected).orElse(false))) {
            requested = UUID.randomUUID().toString().replace("-", "");
        }
        try {
            return session.tab(requested);
        } catch (IllegalStateException e) {
            throw ProtocolException.violation(e.getMessage());
        }
    }

    /**
     * Acknowledges what the browser says it applied: the highest batch id of a session it applied,
     * kept by the browser across reconnects, except the batches it says it failed. Those are failed
     * first: their {@code fail} frames may have been lost with a connection, and the applied count
     * alone would take them for applied once a later batch moved it past them.
     */
    private static void catchUp(Browser target, long applied, Map<Long, BrowserStorageException> failed) {
        if (applied < 0) {
            return;
        }
        // First move this session's ids above the browser's, then settle what it reports: the other
        // order would settle writes of a new session (a restarted server) the browser never saw.
        target.continueBatchIdsAfter(applied);
        // A failed id above the count is sent again and answered again; only those below it need this.
        failed.forEach((id, error) -> {
            if (id <= applied) {
                target.fail(id, error);
            }
        });
        // The hello's snapshot already shows those batches, and any change the browser made after them.
        target.acknowledgeShownThrough(applied);
    }

    /**
     * The batches a hello says the browser could not apply, as {@code fail} frames it keeps until a
     * hello has carried them; checked before the hello changes anything.
     */
    private static Map<Long, BrowserStorageException> failed(JsonNode frame, String field) {
        JsonNode failed = frame.path(field);
        if (failed.isMissingNode() || failed.isNull()) {
            return Map.of();
        }
        if (!failed.isArray() || failed.size() > Frames.MAX_FAILED_IN_HELLO) {
            throw HelloReader.badFailureList(field);
        }
        Map<Long, BrowserStorageException> errors = new LinkedHashMap<>();
        for (JsonNode fail : failed) {
            try {
                if (!fail.isObject()) {
                    throw ProtocolException.refused("bad-frame", "an entry is not an object");
                }
                errors.put(id(fail), failure(fail));
            } catch (ProtocolException e) {
                throw ProtocolException.violation("'" + field + "' holds a bad fail frame: " + e.getMessage());
            }
        }
        return errors;
    }

    /**
     * The highest batch id the hello says the browser applied, or -1 if it names none. The count
     * must stay exact in JavaScript, and the ids continuing after it too: a browser claiming more
     * would make the session send ids its glue cannot tell apart.
     */
    private static long applied(JsonNode frame, String field) {
        JsonNode applied = frame.path(field);
        if (applied.isMissingNode() || applied.isNull()) {
            return -1;
        }
        if (!applied.isIntegralNumber()
                || !applied.canConvertToLong()
                || applied.asLong() < 0
                || applied.asLong() > Frames.MAX_APPLIED) {
            throw ProtocolException.violation("'" + field + "' must be an integer from 0 to " + Frames.MAX_APPLIED);
        }
        return applied.asLong();
    }

    private void change(JsonNode frame) {
        StorageArea area = area(frame);
        String key = text(frame, "key", false);
        JsonNode value = frame.get("value");
        if (value == null || !(value.isNull() || value.isTextual())) {
            throw ProtocolException.refused("bad-frame", "'value' must be a string or null");
        }
        try {
            (area == StorageArea.SESSION ? tab : session)
                    .browserChanged(area, key, value.isNull() ? null : value.asText());
        } catch (IllegalArgumentException e) {
            throw ProtocolException.refused(
                    e.getMessage().contains("namespace") ? "namespace" : "too-large", e.getMessage());
        }
    }

    private static BrowserStorageException failure(JsonNode frame) {
        String message =
                "The browser refused the write: " + frame.path("message").asText("(no message)");
        String key = frame.path("key").asText("");
        StorageArea area = frame.path("area").isTextual() ? area(frame) : StorageArea.LOCAL;
        switch (frame.path("error").asText("")) {
            case "quota":
                return new QuotaExceededException(
                        QuotaExceededException.Kind.BROWSER_QUOTA, area, key, -1, -1, message);
            case "unavailable":
                return new StorageUnavailableException(area, message);
            case "cookie":
                return new InvalidCookieException(cookieRule(frame.path("rule").asText("")), key, message);
            default:
                throw ProtocolException.refused("bad-frame", "'error' must be quota, unavailable or cookie");
        }
    }

    /**
     * The rule a {@code fail} names (the glue checks the rules before it writes); any name it does
     * not know, or none, means the browser refused the cookie for a reason of its own.
     */
    private static CookieRule cookieRule(String name) {
        for (CookieRule rule : CookieRule.values()) {
            if (rule.name().equals(name)) {
                return rule;
            }
        }
        return CookieRule.REFUSED_BY_BROWSER;
    }

    private static long id(JsonNode frame) {
        JsonNode id = frame.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw ProtocolException.refused("bad-frame", "'id' must be a positive integer");
        }
        return id.asLong();
    }

    private static StorageArea area(JsonNode frame) {
        try {
            return StorageArea.fromWireName(text(frame, "area", false));
        } catch (IllegalArgumentException e) {
            throw ProtocolException.refused("bad-frame", e.getMessage());
        }
    }

    private static String text(JsonNode frame, String field, boolean optional) {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            if (optional) {
                return "";
            }
            throw ProtocolException.refused("bad-frame", "'" + field + "' is missing");
        }
        if (!node.isTextual()) {
            throw ProtocolException.refused("bad-frame", "'" + field + "' must be a string");
        }
        return node.asText();
    }

    private static URI page(JsonNode frame) {
        String page = text(frame, "page", true);
        if (page.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(page);
            if (uri.getHost() == null) {
                throw ProtocolException.violation("'page' must be an absolute URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ProtocolException.violation("'page' is not a URL: " + e.getReason());
        }
    }
}
