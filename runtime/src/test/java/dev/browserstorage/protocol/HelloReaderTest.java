package dev.browserstorage.protocol;

import static dev.browserstorage.protocol.SyncConnectionTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.cookie.CookieHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first frame is read as a hello within the session's limits, and refused at the first limit it
 * passes: a test that puts text that is not JSON after the offending part shows that the rest was
 * never read (a syntax error would be a {@code bad-frame} refusal, not a violation).
 */
class HelloReaderTest {
    /** A hello up to the field a test adds. */
    private static final String START = "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"https://shop.example/\",";
    /** Follows the part of a hello that passes a limit: a reader that read on would fail on it instead. */
    private static final String UNREAD = " <not JSON, never read";

    /** 100 bytes per value, 1,000 units per area. */
    private final Browser session = Browser.builder("b1", "demo")
            .limits(new StorageLimits(100, 1000, 10))
            .build();

    private final List<String> sent = new ArrayList<>();
    private final SyncConnection connection = new SyncConnection(session, sent::add);

    // ---------------------------------------------------------------- local and session

    @ParameterizedTest
    @ValueSource(strings = {"local", "session"})
    void aKeyOutsideTheNamespaceIsRefusedAtOnce(String area) {
        assertRefusedAt(
                START + "\"" + area + "\":{\"other:x\":\"1\"," + UNREAD,
                "'" + area + "' has key 'other:x' outside the app's namespace 'demo:'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "session"})
    void aValueOverTheLimitForOneValueIsNotKeptButTheBrowserIsNotRefused(String area) {
        // 34 units, but 102 bytes in UTF-8: the limit counts bytes, as it does for the server's writes.
        connection.receive(START + "\"" + area + "\":{\"demo:a\":\"" + "v".repeat(101) + "\",\"demo:b\":\""
                + "€".repeat(34) + "\",\"demo:c\":\"ok\"},\"tab\":\"t1\"}");

        StorageTarget holder =
                area.equals("local") ? session : session.findTab("t1").orElseThrow();
        StorageArea storage = area.equals("local") ? StorageArea.LOCAL : StorageArea.SESSION;
        assertThat(holder.entries(storage))
                .as("the oversized values are not kept, their keys are")
                .containsExactly(
                        Map.entry("demo:a", Snapshot.OVER_LIMIT),
                        Map.entry("demo:b", Snapshot.OVER_LIMIT),
                        Map.entry("demo:c", "ok"));
        assertThat(sent).first().asString().contains("\"welcome\"");
    }

    @Test
    void anOversizedValueStillCountsTowardsItsAreasBudget() {
        // 101 + 6 units of demo:a, then 9 keys of 100: over the budget of 1,000 at the ninth.
        assertRefusedAt(
                START + "\"local\":{\"demo:a\":\"" + "v".repeat(101) + "\","
                        + area(9, 93).substring(1).replaceFirst("}$", ",") + UNREAD,
                "passes the app's budget of 1000");
    }

    @Test
    void aValueOfExactlyTheLimitIsAccepted() {
        connection.receive(START + "\"local\":{\"demo:a\":\"" + "€".repeat(33) + "x\"}}");

        assertThat(session.readText(StorageArea.LOCAL, "demo:a")).contains("€".repeat(33) + "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "session"})
    void anAreaPastItsBudgetIsRefusedAtTheKeyThatPassesIt(String area) {
        // Ten keys of 100 units each fill the budget of 1,000 exactly; the eleventh passes it.
        assertRefusedAt(
                START + "\"" + area + "\":" + area(11, 93).replaceFirst("}$", ",") + UNREAD,
                "'" + area + "' passes the app's budget of 1000 UTF-16 units (keys and values) at key 'demo:k10'");
        // A key alone can pass it, before its value is read (the parser looks at the value's first character only).
        assertRefusedAt(
                START + "\"" + area + "\":{\"demo:" + "k".repeat(1000) + "\":\"" + UNREAD,
                "'" + area + "' passes the app's budget of 1000");
    }

    @Test
    void anAreaOfExactlyItsBudgetIsAccepted() {
        connection.receive(START + "\"local\":" + area(10, 93) + ",\"session\":" + area(10, 93) + "}");

        assertThat(session.unitsUsed(StorageArea.LOCAL)).isEqualTo(1000);
        assertThat(connection.tab().orElseThrow().unitsUsed(StorageArea.SESSION))
                .isEqualTo(1000);
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertRefusedAt(
                START + "\"local\":{\"demo:a\":\"1\",\"demo:a\":\"2\"," + UNREAD, "'local' has key 'demo:a' twice");
    }

    @Test
    void aKeyIsQuotedAbbreviated() {
        assertThatThrownBy(() -> connection.receive(START + "\"local\":{\"other:" + "x".repeat(100_000) + "\":\"1\"}}"))
                .isInstanceOf(ProtocolException.class)
                .message()
                .hasSizeLessThan(200);
    }

    // ---------------------------------------------------------------- cookies

    @Test
    void theCookiesOfAHelloAreRefusedAtThePairPastTheLimit() {
        assertRefusedAt(
                START + "\"cookies\":\"" + cookies(Browser.MAX_COOKIES) + "; one=more\"," + UNREAD,
                "'cookies' has more than 1000 cookies");
        // Pairs are counted, not names: a repeated name costs the splitting as much as a new one.
        assertRefusedAt(
                START + "\"cookies\":\"" + "a=b;".repeat(Browser.MAX_COOKIES + 1) + "\"," + UNREAD,
                "'cookies' has more than 1000 cookies");
    }

    @Test
    void cookiesLongerThanTheMostCookiesCanTakeAreRefusedBeforeTheyAreSplit() {
        String tooLong = "a=" + "v".repeat(HelloReader.MAX_COOKIES_CHARS - 1);

        assertRefusedAt(
                START + "\"cookies\":\"" + tooLong + "\"," + UNREAD, "'cookies' is longer than 4099000 characters");
    }

    // ---------------------------------------------------------------- failed, fields

    @ParameterizedTest
    @ValueSource(strings = {"failed", "tabFailed"})
    void aFailureListIsRefusedAtTheEntryPastTheLimit(String field) {
        StringJoiner failures = new StringJoiner(",", "[", ",");
        for (int id = 1; id <= Frames.MAX_FAILED_IN_HELLO; id++) {
            failures.add("{\"id\":" + id + ",\"error\":\"quota\"}");
        }

        assertRefusedAt(
                START + "\"applied\":64,\"" + field + "\":" + failures + "{\"id\":65," + UNREAD,
                "'" + field + "' must be a list of at most 64 fail frames");
    }

    @Test
    void fieldsComeInAnyOrderAndUnknownOnesAreSkipped() {
        connection.receive("{\"extra\":{\"deep\":[1,{\"x\":\"y\"}],\"local\":{\"other:x\":1}},\"cookies\":\"c=1\","
                + "\"local\":{\"demo:a\":\"1\"},\"failed\":[{\"id\":1,\"error\":\"quota\",\"note\":[\"x\"]}],\"applied\":1,"
                + "\"app\":\"demo\",\"v\":1,\"page\":\"https://shop.example/\",\"t\":\"hello\"}");

        assertThat(session.entries(StorageArea.LOCAL)).containsExactly(Map.entry("demo:a", "1"));
        assertThat(session.entries(StorageArea.COOKIE)).containsExactly(Map.entry("c", "1"));
        assertThat(sent).first().asString().startsWith("{\"t\":\"welcome\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "cookies", "applied", "t"})
    void aFieldOfTheProtocolGivenTwiceIsAViolation(String field) {
        String value = switch (field) {
            case "local" -> "{}";
            case "cookies" -> "\"\"";
            case "applied" -> "0";
            default -> "\"hello\"";
        };

        assertRefusedAt(
                START + "\"" + field + "\":" + value + ",\"" + field + "\":" + value + "," + UNREAD,
                "'" + field + "' is given twice");
    }

    // ---------------------------------------------------------------- what the first frame is

    @Test
    void aFirstFrameOfAnotherTypeIsAViolationWhereverItsTypeStands() {
        assertRefusedAt("{\"t\":\"ack\"," + UNREAD, "the first frame must be 'hello', not 'ack'");
        assertRefusedAt("{\"local\":{},\"id\":1,\"t\":\"ack\"}", "the first frame must be 'hello', not 'ack'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "", "[1]", "{}", "{\"t\":7}", "{\"local\":{}}", "{\"t\":\"hello\",\"v\":1,"})
    void aFirstFrameThatIsNoJsonFrameIsRefusedAsBefore(String frame) {
        assertThatThrownBy(() -> connection.receive(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo("bad-frame");
            assertThat(e.closeCode()).isZero();
        });
        assertThat(session.isHydrated()).isFalse();
    }

    // ---------------------------------------------------------------- a large hello within the limits

    @Test
    void aLargeHelloWithinTheLimitsHydratesAsBefore() {
        Browser roomy = Browser.builder("b2", "demo").build();
        Map<String, String> local = new LinkedHashMap<>();
        Map<String, String> tabSession = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            local.put("demo:prefs.k" + i, "\"value " + i + " é\"");
        }
        for (int i = 0; i < 2_000; i++) {
            tabSession.put("demo:draft." + i, "{\"expires\":1767225600000,\"value\":" + i + "}");
        }
        StringBuilder cookies = new StringBuilder(cookies(Browser.MAX_COOKIES - 2));
        cookies.append("; c0=repeated; flag");
        Map<String, String> expectedCookies = CookieHeader.parse(cookies.toString());
        String hello = HELLO.replace("{\"demo:prefs.theme\":\"\\\"dark\\\"\"}", json(local))
                .replace("\"session\":{}", "\"session\":" + json(tabSession))
                .replace("a=1; b=x=y", cookies);

        new SyncConnection(roomy, sent::add).receive(hello);

        assertThat(roomy.entries(StorageArea.LOCAL)).isEqualTo(local);
        assertThat(roomy.findTab("t1").orElseThrow().entries(StorageArea.SESSION))
                .isEqualTo(tabSession);
        assertThat(roomy.entries(StorageArea.COOKIE))
                .isEqualTo(expectedCookies)
                .hasSize(Browser.MAX_COOKIES - 1)
                .containsEntry("c0", "0")
                .containsEntry("", "flag");
    }

    private void assertRefusedAt(String frame, String message) {
        assertThatThrownBy(() -> connection.receive(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(session.isHydrated()).isFalse();
        assertThat(sent).isEmpty();
    }

    /** {@code count} keys {@code demo:kN} (7 units up to 9 keys) with values of {@code valueLength} units. */
    private static String area(int count, int valueLength) {
        StringJoiner entries = new StringJoiner(",", "{", "}");
        for (int i = 0; i < count; i++) {
            entries.add("\"demo:k" + i + "\":\"" + "v".repeat(i < 10 ? valueLength : valueLength - 1) + "\"");
        }
        return entries.toString();
    }

    /** {@code count} cookies {@code cN=N}, as {@code document.cookie} joins them. */
    private static String cookies(int count) {
        StringJoiner pairs = new StringJoiner("; ");
        for (int i = 0; i < count; i++) {
            pairs.add("c" + i + "=" + i);
        }
        return pairs.toString();
    }

    /** A JSON object of the given strings, none of which needs escaping but its quotes and backslashes. */
    private static String json(Map<String, String> values) {
        StringJoiner object = new StringJoiner(",", "{", "}");
        values.forEach((key, value) ->
                object.add("\"" + key + "\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        return object.toString();
    }
}
