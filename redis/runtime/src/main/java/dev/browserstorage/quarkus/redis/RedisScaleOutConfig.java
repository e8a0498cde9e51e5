package dev.browserstorage.quarkus.redis;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the nodes of an app share its browsers through Redis. The Redis server itself is Quarkus's
 * own {@code quarkus.redis.hosts}; nothing here needs setting.
 */
@ConfigMapping(prefix = "quarkus.browser-storage.redis")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RedisScaleOutConfig {
    /**
     * How long one Redis call may take. Past it the operation that needed it fails with {@code
     * StorageUnavailableException}; no thread waits longer.
     *
     * @return the timeout
     */
    @WithDefault("2s")
    Duration timeout();

    /**
     * How long a node that stopped answering keeps the browsers whose sockets it holds: it renews
     * its mark in Redis three times in this period, and once the mark is gone another node may take
     * its browsers over when they reconnect.
     *
     * @return the period
     */
    @WithDefault("6s")
    Duration nodeTimeout();

    /**
     * The prefix of every Redis key and channel of this extension; the app's id follows it, so
     * several apps can share one Redis.
     *
     * @return the prefix
     */
    @WithDefault("browser-storage")
    String keyPrefix();
}
