package dev.browserstorage.quarkus.deployment;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.LiveReloadBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.runtime.LaunchMode;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * In dev mode, keeps the keys the extension would otherwise draw at random per process (the
 * browser-id key, the commit-URL key, the key of protected values) the same across live reloads. Each reload starts a new
 * application: with new keys, every open page would lose its browser id on the edit, and its
 * reconnect would be answered with a fresh one. Only in dev mode, where the defaults stay in the
 * developer's JVM; a production build never carries a key, and a configured key always wins.
 */
class DevModeKeysProcessor {
    private static final SecureRandom RANDOM = new SecureRandom();

    @BuildStep
    void keepKeysAcrossLiveReloads(
            LaunchModeBuildItem launchMode,
            LiveReloadBuildItem liveReload,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        if (launchMode.getLaunchMode() != LaunchMode.DEVELOPMENT) {
            return;
        }
        DevKeys keys = liveReload.getContextObject(DevKeys.class);
        if (keys == null) {
            keys = new DevKeys(randomKey(), randomKey());
            liveReload.setContextObject(DevKeys.class, keys);
        }
        defaults.produce(new RunTimeConfigurationDefaultBuildItem(
                "quarkus.browser-storage.browser-id-key", keys.browserIdKey()));
        defaults.produce(new RunTimeConfigurationDefaultBuildItem(
                "quarkus.browser-storage.cookie-commit-key", keys.cookieCommitKey()));
    }

    /**
     * The secret that seals protected values when no key is configured, in dev mode: kept across
     * live reloads, so that an edit does not turn every sealed value in the open pages into a refused
     * one. Handed to the application in its recorded start-up code, which only dev mode's JVM runs.
     *
     * @return base64 of the secret in dev mode, else {@code null} (test and production runs draw
     *     one per process, unless the Redis module shares one)
     */
    static String protectionKey(LaunchModeBuildItem launchMode, LiveReloadBuildItem liveReload) {
        if (launchMode.getLaunchMode() != LaunchMode.DEVELOPMENT) {
            return null;
        }
        DevProtectionKey key = liveReload.getContextObject(DevProtectionKey.class);
        if (key == null) {
            key = new DevProtectionKey(randomKey());
            liveReload.setContextObject(DevProtectionKey.class, key);
        }
        return key.secret();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The keys of one dev-mode session, kept by Quarkus across its live reloads. */
    private record DevKeys(String browserIdKey, String cookieCommitKey) {}

    /** The protection secret of one dev-mode session, kept by Quarkus across its live reloads. */
    private record DevProtectionKey(String secret) {
        @Override
        public String toString() {
            return "DevProtectionKey";
        }
    }
}
