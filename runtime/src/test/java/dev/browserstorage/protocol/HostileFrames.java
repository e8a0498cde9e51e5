package dev.browserstorage.protocol;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Frames a hostile or broken browser could send, for the protocol fuzzing of issue #7: malformed
 * JSON, wrong types, unknown frame types, huge strings, deep nesting, duplicate and out-of-order
 * ids, answers for unknown ids, keys outside the namespace and snapshots over the budget, mixed
 * with well-formed frames so that the fuzzing also reaches the paths behind the checks.
 *
 * <p>Shared (as the runtime's test jar) by the property tests against {@link SyncConnection} and by
 * the socket-level fuzzing of the Quarkus endpoint.
 */
public final class HostileFrames {
    private final String app;
    private final String huge;
    private final String overBudget;

    /**
     * Generators for one app and its limits.
     *
     * @param app the app id whose namespace ({@code <app>:}) the well-formed keys use
     * @param maxValueBytes the server's limit on one value: the huge strings are larger
     * @param maxAreaUnits the server's budget of one area: the largest snapshots are larger
     */
    public HostileFrames(String app, long maxValueBytes, long maxAreaUnits) {
        this.app = app;
        this.huge = "z".repeat((int) (maxValueBytes + maxValueBytes / 8));
        List<String> entries = new ArrayList<>();
        String value = "y".repeat((int) (maxAreaUnits / 4));
        for (int i = 0; i < 5; i++) {
            entries.add(q(app + ":big" + i) + ":" + q(value));
        }
        this.overBudget = "{" + String.join(",", entries) + "}";
    }

    /** @return any frame, the hostile ones much more often than the good ones */
    public Arbitrary<String> frame() {
        return mix(6);
    }

    /**
     * Frames for a connection past its {@code hello}: the same mix with few {@code hello}s, which
     * close the connection (a second {@code hello} is a violation), so that a socket-level run
     * spends its frames on the paths behind the hello rather than on reconnecting.
     *
     * @return the frames
     */
    public Arbitrary<String> afterHello() {
        return mix(1);
    }

    private Arbitrary<String> mix(int helloWeight) {
        return Arbitraries.<String>frequencyOf(
                weighted(helloWeight, hello()),
                weighted(14, answer()),
                weighted(14, change()),
                weighted(6, unknownType()),
                weighted(12, malformed()),
                weighted(4, deepNesting()),
                weighted(1, huge()));
    }

    /**
     * An endless supply of {@link #afterHello()} frames, for tests that run outside jqwik's engine (the Quarkus unit
     * tests). jqwik's samples there are not seeded: a test reports the frame it failed on.
     *
     * @return the frames
     */
    public java.util.Iterator<String> sampler() {
        return afterHello().sampleStream().iterator();
    }

    /** @return a well-formed {@code hello} of this app, with an empty snapshot */
    public String goodHello() {
        return "{\"t\":\"hello\",\"v\":1,\"app\":\"" + app
                + "\",\"page\":\"http://localhost/\",\"local\":{},\"session\":{}," + "\"cookies\":\"\",\"applied\":0}";
    }

    /** @return {@code hello} frames: good ones, and ones with every field wrong in turn */
    public Arbitrary<String> hello() {
        Arbitrary<String> version = Arbitraries.of("1", "1", "1", "2", "0", "\"1\"", "null", "1.5", "-1");
        Arbitrary<String> appId = Arbitraries.of(q(app), q(app), q(app), q("other"), "null", "7", q(""));
        Arbitrary<String> page = Arbitraries.of(
                q("http://localhost/"),
                q("https://shop.example/a"),
                q("not a url"),
                q("/relative"),
                q("http://"),
                "42",
                "null",
                q("ht tp://x y"));
        Arbitrary<String> local = snapshot();
        Arbitrary<String> applied = Arbitraries.of(
                "0", "0", "3", "-1", "9007199254740993", "9223372036854775807", "1e30", "\"5\"", "null", "2.5");
        Arbitrary<String> tab = Arbitraries.of(
                "",
                ",\"tab\":\"t1\"",
                ",\"tab\":\"t1\",\"resume\":true",
                ",\"tab\":\"\"",
                ",\"tab\":\"a b\"",
                ",\"tab\":7",
                ",\"tab\":\"" + "x".repeat(65) + "\"",
                ",\"tab\":null");
        Arbitrary<String> cookies =
                Arbitraries.of(q(""), q("a=1; b=2"), q("x"), q(";;;="), "5", "[]", q("n=" + "v".repeat(5000)));
        return Combinators.combine(version, appId, page, local, applied, tab, cookies)
                .as((v, a, p, l, ap, t, c) -> "{\"t\":\"hello\",\"v\":" + v + ",\"app\":" + a + ",\"page\":" + p
                        + ",\"local\":" + l + ",\"session\":{},\"cookies\":" + c + ",\"applied\":" + ap + t + "}");
    }

    private Arbitrary<String> snapshot() {
        Arbitrary<String> entries = Combinators.combine(
                        key(),
                        Arbitraries.of(q("1"), q("\"dark\""), "1", "null", "{}", q("{\"expires\":1,\"value\":2}")))
                .as((k, v) -> k + ":" + v)
                .list()
                .ofMaxSize(4)
                .map(list -> "{" + String.join(",", list) + "}");
        return Arbitraries.<String>frequencyOf(
                weighted(30, entries),
                weighted(4, Arbitraries.of("[]", "\"x\"", "null", "7")),
                weighted(1, Arbitraries.just(overBudget)));
    }

    /** @return {@code ack} and {@code fail} frames with good, duplicate, unknown and ill-typed ids */
    public Arbitrary<String> answer() {
        Arbitrary<String> id = Arbitraries.<String>frequencyOf(
                weighted(10, Arbitraries.longs().between(1, 12).map(String::valueOf)),
                weighted(
                        3,
                        Arbitraries.of(
                                "0",
                                "-1",
                                "9223372036854775807",
                                "9223372036854775808",
                                "1.0",
                                "1e3",
                                "\"1\"",
                                "null",
                                "true",
                                "[]",
                                "{}")),
                weighted(1, Arbitraries.longs().map(String::valueOf)));
        Arbitrary<String> tab = Arbitraries.of("", "", ",\"tab\":true", ",\"tab\":\"yes\"", ",\"tab\":false");
        Arbitrary<String> ack = Combinators.combine(id, tab).as((i, t) -> "{\"t\":\"ack\",\"id\":" + i + t + "}");
        Arbitrary<String> error = Arbitraries.of(q("quota"), q("unavailable"), q("cookie"), q("boom"), "1", "null");
        Arbitrary<String> area = Arbitraries.of(q("local"), q("session"), q("cookie"), q("disk"), "3", "null");
        Arbitrary<String> fail = Combinators.combine(id, tab, error, area, key())
                .as((i, t, e, a, k) -> "{\"t\":\"fail\",\"id\":" + i + t + ",\"error\":" + e + ",\"area\":" + a
                        + ",\"key\":" + k + ",\"message\":\"refused\"}");
        return Arbitraries.oneOf(ack, ack, fail);
    }

    /** @return {@code change} frames: good ones, keys outside the namespace, wrong types, oversized values */
    public Arbitrary<String> change() {
        Arbitrary<String> area =
                Arbitraries.of(q("local"), q("local"), q("session"), q("cookie"), q("LOCAL"), "1", "null", "[]");
        Arbitrary<String> value = Arbitraries.<String>frequencyOf(
                weighted(10, Arbitraries.strings().ofMaxLength(20).map(HostileFrames::q)),
                weighted(2, Arbitraries.of("null", "1", "true", "{}", "[\"a\"]", "{\"v\":1}")),
                weighted(1, Arbitraries.integers().between(4000, 5000).map(n -> q("v".repeat(n)))));
        Arbitrary<String> change = Combinators.combine(area, key(), value)
                .as((a, k, v) -> "{\"t\":\"change\",\"area\":" + a + ",\"key\":" + k + ",\"value\":" + v + "}");
        Arbitrary<String> missing = Arbitraries.of(
                "{\"t\":\"change\"}",
                "{\"t\":\"change\",\"area\":\"local\"}",
                "{\"t\":\"change\",\"area\":\"local\",\"key\":\"" + app + ":k\"}");
        return Arbitraries.<String>frequencyOf(weighted(10, change), weighted(1, missing));
    }

    private Arbitrary<String> key() {
        Arbitrary<String> suffix =
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        return Arbitraries.<String>frequencyOf(
                weighted(10, suffix.map(s -> q(app + ":prefs." + s))),
                weighted(3, suffix.map(s -> q("other:" + s))),
                weighted(2, Arbitraries.strings().ofMaxLength(12).map(HostileFrames::q)),
                weighted(1, Arbitraries.of("null", "1", "{}", q(app + ":" + "k".repeat(3000)))));
    }

    /** @return frames of types the protocol does not have, or whose type is not a string */
    public Arbitrary<String> unknownType() {
        Arbitrary<String> type = Arbitraries.<String>frequencyOf(
                weighted(
                        5,
                        Arbitraries.of("welcome", "batch", "batches", "error", "HELLO", "Ack", "", "ping", "close")
                                .map(HostileFrames::q)),
                weighted(3, Arbitraries.strings().ofMaxLength(50).map(HostileFrames::q)),
                weighted(2, Arbitraries.of("1", "null", "true", "[]", "{}", "[\"hello\"]")));
        return type.map(t -> "{\"t\":" + t + ",\"id\":1}");
    }

    /** @return text that is not one JSON object: cut frames, garbage, other JSON values, invalid escapes */
    public Arbitrary<String> malformed() {
        Arbitrary<String> cut = Arbitraries.oneOf(hello(), answer(), change())
                .flatMap(frame -> Arbitraries.integers()
                        .between(0, Math.max(0, frame.length() - 1))
                        .map(n -> frame.substring(0, n)));
        return Arbitraries.<String>frequencyOf(
                weighted(5, cut),
                weighted(4, Arbitraries.strings().ofMaxLength(80)),
                weighted(
                        2,
                        Arbitraries.of(
                                "[]",
                                "[{\"t\":\"hello\"}]",
                                "\"hello\"",
                                "42",
                                "null",
                                "true",
                                "{}",
                                "{\"t\":}",
                                "{\"t\":\"ack\",\"id\":1}{\"t\":\"ack\",\"id\":2}",
                                "{\"t\":\"ack\",\"t\":\"hello\"}",
                                "{\"t\":\"\\ud800\"}",
                                "{\"t\":\"\\u00\"}",
                                "{'t':'ack'}",
                                "{\"t\":\"ack\",\"id\":01}",
                                "{\"t\":\"ack\",\"id\":NaN}",
                                "\uFEFF{\"t\":\"ack\"}",
                                "{\"t\":\"ack\"}//",
                                "\u0000")),
                weighted(
                        1,
                        Arbitraries.integers()
                                .between(1, 40)
                                .map(n -> "{\"t\":\"ack\",\"id\":" + "9".repeat(n * 50) + "}")));
    }

    /** @return frames nested deeper than any real frame, up to far past the parser's bound */
    public Arbitrary<String> deepNesting() {
        return Arbitraries.<Integer>frequencyOf(
                        weighted(3, Arbitraries.integers().between(1, 20)),
                        weighted(1, Arbitraries.integers().between(100, 100_000)))
                .flatMap(depth -> Arbitraries.of(
                        "{\"t\":\"change\",\"area\":\"local\",\"key\":\"" + app + ":k\",\"value\":" + "[".repeat(depth)
                                + "]".repeat(depth) + "}",
                        "{\"t\":\"hello\",\"v\":1,\"local\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}",
                        "[".repeat(depth)));
    }

    /** @return frames with strings far larger than any limit */
    public Arbitrary<String> huge() {
        String big = huge;
        return Arbitraries.of(
                "{\"t\":\"change\",\"area\":\"local\",\"key\":\"" + app + ":prefs.big\",\"value\":\"" + big + "\"}",
                "{\"t\":\"change\",\"area\":\"cookie\",\"key\":\"c\",\"value\":\"" + big + "\"}",
                "{\"t\":\"change\",\"area\":\"local\",\"key\":\"" + app + ":" + big + "\",\"value\":\"1\"}",
                "{\"t\":\"" + big + "\"}",
                "{\"t\":\"fail\",\"id\":1,\"error\":\"quota\",\"area\":\"local\",\"key\":\"k\",\"message\":\"" + big
                        + "\"}");
    }

    private static String q(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(
            int weight, Arbitrary<? extends T> arbitrary) {
        return net.jqwik.api.Tuple.of(weight, arbitrary);
    }
}
