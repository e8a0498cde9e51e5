package dev.browserstorage.quarkus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.quarkus.redis.testing.Binaries;
import dev.browserstorage.quarkus.redis.testing.RedisServer;
import dev.browserstorage.quarkus.redis.testing.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Lua scripts of {@link Scripts}, each run in a real {@code redis-server} (started on a free
 * port, nothing saved): the ownership and fencing, the outbox ids and the settling that the
 * scale-out's exactly-once delivery rests on (issue #16). What a script publishes is heard by a
 * connection subscribed to every channel; "nothing published" is checked by publishing a marker
 * after the call and finding nothing before it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ScriptsTest {
    private static final long TTL = 600_000;
    private static final String MARKS = "t:node:";
    private static final String NODE_CHANNELS = "t:to:";

    private static RedisServer server;
    private static Vertx vertx;
    private static Redis client;
    private static RedisConnection redis;
    private static Subscriber published;

    @BeforeAll
    static void start() {
        Binaries.require("redis-server");
        server = new RedisServer(Waits.logDir("scripts")).start();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, server.uri());
        redis = await(client.connect());
        published = new Subscriber(await(client.connect()));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (vertx != null) {
            await(vertx.close());
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void empty() {
        call(Command.FLUSHALL);
        published.drain();
        // Browser b's epochs counted from 0, so the cases below read as A|1, B|2...; a browser's first
        // epoch without this is Redis's clock in microseconds (theFirstClaimTakesItsEpochFromRedissClock).
        call(Command.SET, "t:b:epoch", "0");
    }

    // CLAIM

    @Test
    void theFirstClaimTakesItsEpochFromRedissClock() {
        long before = redisMicros();
        String owner = claim("fresh", "A", TTL);
        long after = redisMicros();

        assertThat(owner).startsWith("A|").matches("A\\|[0-9]{16,}");
        long epoch = Long.parseLong(owner.substring(2));
        assertThat(epoch).as("Redis's time in µs, plus one").isBetween(before + 1, after + 1);
        assertThat(get("t:fresh:epoch")).isEqualTo(Long.toString(epoch));
        assertThat(pttl("t:fresh:owner")).isBetween(1L, TTL);
    }

    @Test
    void theFirstClaimAfterSeededEpochsGetsTheNextOne() {
        assertThat(claim("b", "A", TTL)).isEqualTo("A|1");
        assertThat(get("t:b:epoch")).isEqualTo("1");
        assertThat(pttl("t:b:owner")).isBetween(1L, TTL);
    }

    @Test
    void aLiveOwnerKeepsTheBrowserAndADeadOneLosesItToANewEpoch() {
        markLive("A");
        markLive("B");
        assertThat(claim("b", "A", TTL)).isEqualTo("A|1");

        assertThat(claim("b", "B", TTL)).as("A's mark exists").isEqualTo("A|1");
        assertThat(get("t:b:epoch")).isEqualTo("1");

        call(Command.DEL, MARKS + "A");
        assertThat(claim("b", "B", TTL)).as("A's mark is gone").isEqualTo("B|2");
        assertThat(claim("b", "A", TTL)).as("B is live").isEqualTo("B|2");
    }

    @Test
    void theSameNodeClaimingAgainKeepsItsEpochAndRenewsTheOwnership() {
        assertThat(claim("b", "A", 5_000)).isEqualTo("A|1");
        assertThat(claim("b", "A", TTL)).as("without its mark too").isEqualTo("A|1");
        assertThat(get("t:b:epoch")).isEqualTo("1");
        assertThat(pttl("t:b:owner")).isGreaterThan(5_000L);
    }

    @Test
    void aTakeOverAfterTheEpochKeyExpiredStillGetsAnotherOwner() {
        // FETCH and SETTLE renew the owner key but not the epoch key: once it expired, the next
        // epoch starts again from Redis's clock, above every epoch given before.
        markLive("B");
        assertThat(claim("b", "A", 200)).isEqualTo("A|1");
        fetch("b", "A|1");
        Waits.until("the epoch key expired", Duration.ofSeconds(5), () -> get("t:b:epoch") == null);
        assertThat(get("t:b:owner")).isEqualTo("A|1");

        String taken = claim("b", "B", TTL);
        assertThat(taken).isNotEqualTo("A|1").startsWith("B|");
        assertThat(Long.parseLong(taken.substring(2))).as("epochs only grow").isGreaterThan(1L);
        assertThat(fetch("b", taken)).isEmpty();
        assertThat(eval(Scripts.FETCH, List.of("t:b:owner", "t:b:out"), "A|1", Long.toString(TTL)))
                .isNull();
    }

    @Test
    void twoRacingClaimsNeverBothWin() throws Exception {
        RedisConnection other = await(client.connect());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            markLive("A");
            markLive("B");
            Map<String, Integer> wins = new TreeMap<>(Map.of("A", 0, "B", 0));
            for (int round = 0; round < 300; round++) {
                String browser = "race" + round;
                boolean takeOver = round % 2 == 1;
                if (takeOver) {
                    // A dead node (no mark) owned it under epoch 5: both race to take it over.
                    call(Command.SET, "t:" + browser + ":owner", "C|5");
                    call(Command.SET, "t:" + browser + ":epoch", "5");
                } else {
                    call(Command.SET, "t:" + browser + ":epoch", "0");
                }
                // Two clients on two threads, let go at once.
                CyclicBarrier start = new CyclicBarrier(2);
                java.util.concurrent.Future<Future<Response>> a =
                        threads.submit(() -> sendAfter(start, redis, claimRequest(browser, "A", TTL)));
                java.util.concurrent.Future<Future<Response>> b =
                        threads.submit(() -> sendAfter(start, other, claimRequest(browser, "B", TTL)));
                String byA = await(a.get(10, TimeUnit.SECONDS)).toString();
                String byB = await(b.get(10, TimeUnit.SECONDS)).toString();

                assertThat(byA).as("round %d: both see one owner", round).isEqualTo(byB);
                assertThat(byA)
                        .as("round %d: one new epoch", round)
                        .isIn(takeOver ? List.of("A|6", "B|6") : List.of("A|1", "B|1"));
                assertThat(get("t:" + browser + ":owner")).isEqualTo(byA);
                assertThat(get("t:" + browser + ":epoch")).isEqualTo(takeOver ? "6" : "1");
                wins.merge(byA.substring(0, 1), 1, Integer::sum);
            }
            System.out.println("ScriptsTest: of 300 racing claims, each node won " + wins);
        } finally {
            threads.shutdownNow();
            await(other.close());
        }
    }

    private static Future<Response> sendAfter(CyclicBarrier start, RedisConnection connection, Request request)
            throws Exception {
        start.await(10, TimeUnit.SECONDS);
        return connection.send(request);
    }

    // RELEASE

    @Test
    void onlyTheHolderReleases() {
        claim("b", "A", TTL);
        assertThat(eval(Scripts.RELEASE, List.of("t:b:owner"), "A|0").toLong()).isZero();
        assertThat(eval(Scripts.RELEASE, List.of("t:b:owner"), "B|1").toLong()).isZero();
        assertThat(get("t:b:owner")).isEqualTo("A|1");

        assertThat(eval(Scripts.RELEASE, List.of("t:b:owner"), "A|1").toLong()).isEqualTo(1);
        assertThat(get("t:b:owner")).isNull();
        assertThat(claim("b", "B", TTL)).as("the epoch goes on").isEqualTo("B|2");
    }

    // FETCH and SETTLE, fenced

    @Test
    void anOwnerTakenOverIsFencedOffAndChangesNothing() {
        markLive("A");
        assertThat(claim("b", "A", TTL)).isEqualTo("A|1");
        long id = enqueue("b", "{\"w\":1}", 10);
        call(Command.HSET, "t:b:state", "a.x", "1", "b", "2");
        String entry = id + " {\"w\":1}";
        assertThat(fetch("b", "A|1")).containsExactly(entry);
        published.drain();

        call(Command.DEL, MARKS + "A");
        markLive("B");
        assertThat(claim("b", "B", 5_000)).isEqualTo("B|2");
        List<String> outbox = lrange("t:b:out");
        Map<String, String> state = hgetall("t:b:state");

        assertThat(eval(Scripts.FETCH, List.of("t:b:owner", "t:b:out"), "A|1", Long.toString(TTL)))
                .as("FETCH answers nil")
                .isNull();
        Response settled = settle(
                "b",
                "A|1",
                entry,
                "res:A",
                "acked",
                "t:changes",
                "changed",
                "S",
                "c",
                "3",
                "D",
                "b",
                "",
                "X",
                "a.",
                "");
        assertThat(settled.toLong()).isZero();

        assertThat(lrange("t:b:out")).isEqualTo(outbox).containsExactly(entry);
        assertThat(hgetall("t:b:state")).isEqualTo(state);
        assertThat(get("t:b:owner")).isEqualTo("B|2");
        assertThat(pttl("t:b:owner")).as("the old owner renewed nothing").isLessThanOrEqualTo(5_000L);
        assertThat(published.drain()).as("published").isEmpty();

        assertThat(fetch("b", "B|2")).as("the new owner reads the entry").containsExactly(entry);
    }

    // ENQUEUE

    @Test
    void idsStartAtRedisTimeInMicrosecondsAndGrowByOne() {
        long before = redisMicros();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(enqueue("b", "{\"i\":" + i + "}", 100));
        }
        long after = redisMicros();

        assertThat(ids.get(0)).isGreaterThan(before).isLessThanOrEqualTo(after + 1);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(ids.get(i - 1) + 1);
        }
        assertThat(pttl("t:b:out")).isBetween(1L, TTL);
        assertThat(pttl("t:b:seq")).isBetween(1L, TTL);
    }

    @Test
    void bigIdsArePrintedExactly() {
        long id = enqueue("b", "{}", 10);
        assertThat(id).as("µs since 1970: beyond what Lua's %g prints exactly").isGreaterThan(1_000_000_000_000_000L);
        claim("b", "A", TTL);
        String entry = fetch("b", "A|1").get(0);
        assertThat(entry).isEqualTo(id + " {}").matches("\\d{16,} \\{}");
        assertThat(get("t:b:seq")).isEqualTo(Long.toString(id));
    }

    @Test
    void idsAfterRedisLostItsDataStayAboveEveryEarlierId() {
        // As fast as one client can: many ENQUEUEs pipelined on one connection, then FLUSHALL.
        List<Future<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(redis.send(enqueueRequest("b", "{}", 1_000)));
        }
        long highest = 0;
        for (Future<Response> one : sent) {
            highest = Math.max(highest, await(one).toLong());
        }
        call(Command.FLUSHALL);
        long next = enqueue("b", "{}", 1_000);
        assertThat(next).isGreaterThan(highest);
    }

    @Test
    void aFullOutboxAddsNothing() {
        call(Command.SET, "t:b:owner", "A|1");
        long first = enqueue("b", "{\"i\":1}", 2);
        enqueue("b", "{\"i\":2}", 2);
        published.drain();

        assertThat(enqueue("b", "{\"i\":3}", 2)).isEqualTo(-1);
        assertThat(lrange("t:b:out")).containsExactly(first + " {\"i\":1}", (first + 1) + " {\"i\":2}");
        assertThat(get("t:b:seq")).isEqualTo(Long.toString(first + 1));
        assertThat(published.drain()).as("no deliver for nothing").isEmpty();
    }

    @Test
    void theOwnerIsHandedEachEntryInIdOrder() {
        enqueue("b", "{}", 10);
        assertThat(published.drain()).as("no owner, no message").isEmpty();

        call(Command.SET, "t:b:owner", "A|3");
        long first = enqueue("b", "{\"w\":1}", 10);
        long second = enqueue("b", "{}", 10);
        assertThat(published.drain())
                .containsExactly(
                        NODE_CHANNELS + "A {\"k\":\"deliver\",\"b\":\"b\",\"e\":\"" + first + " {\\\"w\\\":1}\"}",
                        NODE_CHANNELS + "A {\"k\":\"deliver\",\"b\":\"b\",\"e\":\"" + second + " {}\"}");
    }

    // SETTLE

    @Test
    void settlingAppliesTheOpsRemovesTheEntryOnceAndPublishes() {
        claim("b", "A", TTL);
        long id = enqueue("b", "{\"w\":1}", 10);
        enqueue("b", "{\"w\":2}", 10);
        List<String> entries = fetch("b", "A|1");
        call(Command.HSET, "t:b:state", "a.x", "1", "a.y", "2", "abx", "3", "b", "4", "keep", "5");
        published.drain();

        Response settled = settle(
                "b",
                "A|1",
                entries.get(0),
                "res:B",
                "acked",
                "t:changes",
                "changed",
                "S",
                "c",
                "6",
                "D",
                "b",
                "",
                "X",
                "a.",
                "",
                "S",
                "gone",
                "7",
                "D",
                "gone",
                "");

        assertThat(settled.toLong()).isEqualTo(1);
        assertThat(hgetall("t:b:state"))
                .as("X removes only the fields that start with the prefix, which is no pattern")
                .isEqualTo(Map.of("abx", "3", "keep", "5", "c", "6"));
        assertThat(lrange("t:b:out")).containsExactly((id + 1) + " {\"w\":2}");
        assertThat(published.drain()).containsExactly("res:B acked", "t:changes changed");
        assertThat(pttl("t:b:state")).isBetween(1L, TTL);
        assertThat(pttl("t:b:owner")).isBetween(1L, TTL);

        assertThat(settle("b", "A|1", entries.get(0), "", "", "", "").toLong())
                .as("the same entry settled again")
                .isEqualTo(1);
        assertThat(lrange("t:b:out")).containsExactly(entries.get(1));
        assertThat(hgetall("t:b:state")).isEqualTo(Map.of("abx", "3", "keep", "5", "c", "6"));
        assertThat(published.drain()).as("no channel, no message").isEmpty();
    }

    @Test
    void settlingRenewsTheTtls() {
        assertThat(claim("b", "A", 5_000)).isEqualTo("A|1");
        assertThat(settle("b", "A|1", "", "", "", "", "", "S", "f", "v").toLong())
                .isEqualTo(1);
        assertThat(pttl("t:b:owner")).isGreaterThan(5_000L);
        assertThat(pttl("t:b:state")).isBetween(5_001L, TTL);
    }

    // SECRET

    @Test
    void theFirstSecretWins() {
        assertThat(eval(Scripts.SECRET, List.of("t:secret:k"), "one").toString())
                .isEqualTo("one");
        assertThat(eval(Scripts.SECRET, List.of("t:secret:k"), "two").toString())
                .isEqualTo("one");
        assertThat(get("t:secret:k")).isEqualTo("one");
        assertThat(pttl("t:secret:k")).as("kept without expiry").isEqualTo(-1L);
    }

    // The scripts' calls, as Owners, Replicas and RedisSharing make them

    private static String claim(String browser, String node, long ttl) {
        return await(redis.send(claimRequest(browser, node, ttl))).toString();
    }

    private static Request claimRequest(String browser, String node, long ttl) {
        return evalRequest(
                Scripts.CLAIM,
                List.of("t:" + browser + ":owner", "t:" + browser + ":epoch"),
                node,
                MARKS,
                Long.toString(ttl));
    }

    private static long enqueue(String browser, String json, int most) {
        return await(redis.send(enqueueRequest(browser, json, most))).toLong();
    }

    private static Request enqueueRequest(String browser, String json, int most) {
        return evalRequest(
                Scripts.ENQUEUE,
                List.of("t:" + browser + ":out", "t:" + browser + ":seq", "t:" + browser + ":owner"),
                json,
                Integer.toString(most),
                Long.toString(TTL),
                NODE_CHANNELS,
                browser);
    }

    private static List<String> fetch(String browser, String owner) {
        Response entries = eval(
                Scripts.FETCH, List.of("t:" + browser + ":owner", "t:" + browser + ":out"), owner, Long.toString(TTL));
        assertThat(entries).as("FETCH as %s", owner).isNotNull();
        return strings(entries);
    }

    /** ARGV: owner, entry, result channel, result, changes channel, changes, then the ops' triples. */
    private static Response settle(
            String browser,
            String owner,
            String entry,
            String resultChannel,
            String result,
            String changesChannel,
            String changes,
            String... ops) {
        List<String> args = new ArrayList<>(
                List.of(owner, entry, resultChannel, result, changesChannel, changes, Long.toString(TTL)));
        args.addAll(List.of(ops));
        return eval(
                Scripts.SETTLE,
                List.of("t:" + browser + ":owner", "t:" + browser + ":out", "t:" + browser + ":state"),
                args.toArray(String[]::new));
    }

    // Plain Redis calls

    private static Response eval(String script, List<String> keys, String... args) {
        return await(redis.send(evalRequest(script, keys, args)));
    }

    private static Request evalRequest(String script, List<String> keys, String... args) {
        Request request = Request.cmd(Command.EVAL).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private static Response call(Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        return await(redis.send(request));
    }

    private static void markLive(String node) {
        call(Command.SET, MARKS + node, "1");
    }

    private static String get(String key) {
        Response value = call(Command.GET, key);
        return value == null ? null : value.toString();
    }

    private static long pttl(String key) {
        return call(Command.PTTL, key).toLong();
    }

    private static List<String> lrange(String key) {
        return strings(call(Command.LRANGE, key, "0", "-1"));
    }

    private static Map<String, String> hgetall(String key) {
        Response all = call(Command.HGETALL, key);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : all.getKeys()) {
            fields.put(field, all.get(field).toString());
        }
        return fields;
    }

    private static long redisMicros() {
        Response time = call(Command.TIME);
        return time.get(0).toLong() * 1_000_000 + time.get(1).toLong();
    }

    private static List<String> strings(Response array) {
        List<String> all = new ArrayList<>();
        array.forEach(one -> all.add(one.toString()));
        return all;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Redis did not answer: " + e, e);
        }
    }

    /** A connection subscribed to every channel, which keeps what it hears as "channel message". */
    private static final class Subscriber {
        private static final AtomicLong MARKERS = new AtomicLong();
        private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

        Subscriber(RedisConnection connection) {
            connection.handler(push -> {
                if (push != null
                        && push.size() == 4
                        && "pmessage".equals(push.get(0).toString())) {
                    heard.add(push.get(2) + " " + push.get(3));
                }
            });
            await(connection.send(Request.cmd(Command.PSUBSCRIBE).arg("*")));
        }

        /**
         * @return what was published since the last call: everything heard before a marker this
         *     publishes now, which Redis delivers after every earlier message
         */
        List<String> drain() {
            String marker = "t:marker " + MARKERS.incrementAndGet();
            call(Command.PUBLISH, "t:marker", marker.substring("t:marker ".length()));
            List<String> before = new ArrayList<>();
            while (true) {
                String one;
                try {
                    one = heard.poll(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
                if (one == null) {
                    throw new AssertionError("the marker was not heard within 5 s; heard before: " + before);
                }
                if (one.equals(marker)) {
                    return before;
                }
                before.add(one);
            }
        }
    }
}
