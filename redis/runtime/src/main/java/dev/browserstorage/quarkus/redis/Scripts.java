package dev.browserstorage.quarkus.redis;

/**
 * The Lua scripts that make each step one atomic Redis round trip. A browser's keys: {@code owner}
 * ("node|epoch"), {@code epoch}, {@code seq} (its batch ids), {@code out} (the outbox: one entry
 * per write batch not yet settled, "seq json"), {@code state} (what the browser holds, as a hash).
 * Numbers go through {@code string.format('%.0f')}: Lua's own conversion would print 1.7e+15.
 */
final class Scripts {
    private Scripts() {}

    /**
     * The next number of a counter that only grows: a missing counter (new, expired, or lost with
     * Redis's data) starts at the server's time in microseconds. Browser ids and epochs use it.
     */
    private static final String NEXT_FROM_CLOCK = """
            local function next_from_clock(key)
              if redis.call('EXISTS', key) == 0 then
                local t = redis.call('TIME')
                redis.call('SET', key, string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2])))
              end
              return redis.call('INCR', key)
            end
            """;

    /**
     * Takes a browser's ownership unless a live node holds it. KEYS: owner, epoch. ARGV: this node,
     * prefix of the nodes' liveness keys, ttl (ms). Returns the owner after the call. Epochs only
     * grow: a browser's first starts at the server's time in microseconds, so an epoch key that
     * expired (or a Redis that lost its data) never hands a node a token it held before.
     */
    static final String CLAIM = NEXT_FROM_CLOCK + """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local node = string.match(cur, '^(.-)|')
              if node == ARGV[1] then
                redis.call('PEXPIRE', KEYS[1], ARGV[3])
                return cur
              end
              if node and redis.call('EXISTS', ARGV[2] .. node) == 1 then
                return cur
              end
            end
            local epoch = next_from_clock(KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            local owner = ARGV[1] .. '|' .. string.format('%.0f', epoch)
            redis.call('SET', KEYS[1], owner, 'PX', ARGV[3])
            return owner
            """;

    /** Gives ownership up if it is still this node's. KEYS: owner. ARGV: "node|epoch". */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0
            """;

    /**
     * Puts a write batch in a browser's outbox under the next id, and hands it to the owner, if any
     * (scripts run one at a time, so the owner hears a browser's entries in id order). The
     * first id of a browser is the server's time in microseconds, so ids keep growing across a Redis
     * that lost its data. KEYS: out, seq, owner. ARGV: entry json, most entries, ttl (ms), prefix of
     * the nodes' channels, the browser's id. Returns the id, or -1 when the outbox is full.
     */
    static final String ENQUEUE = NEXT_FROM_CLOCK + """
            if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[2]) then
              return -1
            end
            local seq = next_from_clock(KEYS[2])
            local entry = string.format('%.0f', seq) .. ' ' .. ARGV[1]
            redis.call('RPUSH', KEYS[1], entry)
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            local owner = redis.call('GET', KEYS[3])
            if owner then
              local node = string.match(owner, '^(.-)|')
              if node then
                redis.call('PUBLISH', ARGV[4] .. node,
                  '{"k":"deliver","b":' .. cjson.encode(ARGV[5]) .. ',"e":' .. cjson.encode(entry) .. '}')
              end
            end
            return seq
            """;

    /**
     * The owner reads the outbox, if it still owns the browser. KEYS: owner, out. ARGV: "node|epoch",
     * ttl (ms). Returns the entries, or nil when fenced off.
     */
    static final String FETCH = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return false
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return redis.call('LRANGE', KEYS[2], 0, -1)
            """;

    /**
     * The owner settles: removes an outbox entry (or none), changes the state hash, answers the node
     * that made the write and tells every node what changed; all or nothing, and only while it owns
     * the browser. KEYS: owner, out, state. ARGV: "node|epoch", entry (or ""), result channel (or ""),
     * result message, changes channel (or ""), changes message, ttl (ms), then triples: "S" field
     * value (set), "D" field "" (delete), "X" prefix "" (delete every field with the prefix).
     * Returns 1, or 0 when fenced off.
     */
    static final String SETTLE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then
              return 0
            end
            if ARGV[2] ~= '' then
              redis.call('LREM', KEYS[2], 1, ARGV[2])
            end
            for i = 8, #ARGV, 3 do
              local op = ARGV[i]
              if op == 'S' then
                redis.call('HSET', KEYS[3], ARGV[i + 1], ARGV[i + 2])
              elseif op == 'D' then
                redis.call('HDEL', KEYS[3], ARGV[i + 1])
              else
                local prefix = ARGV[i + 1]
                for _, field in ipairs(redis.call('HKEYS', KEYS[3])) do
                  if string.sub(field, 1, #prefix) == prefix then
                    redis.call('HDEL', KEYS[3], field)
                  end
                end
              end
            end
            redis.call('PEXPIRE', KEYS[3], ARGV[7])
            redis.call('PEXPIRE', KEYS[1], ARGV[7])
            if ARGV[3] ~= '' then
              redis.call('PUBLISH', ARGV[3], ARGV[4])
            end
            if ARGV[5] ~= '' then
              redis.call('PUBLISH', ARGV[5], ARGV[6])
            end
            return 1
            """;

    /**
     * A secret the nodes share: the one in Redis, or this node's candidate if none is there yet.
     * KEYS: secret. ARGV: candidate.
     */
    static final String SECRET = """
            redis.call('SET', KEYS[1], ARGV[1], 'NX')
            return redis.call('GET', KEYS[1])
            """;
}
