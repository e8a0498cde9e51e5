package dev.browserstorage.quarkus.redis.deployment;

import dev.browserstorage.quarkus.redis.RedisSharing;
import dev.browserstorage.quarkus.redis.RedisShutdownRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.ShutdownListenerBuildItem;

/** Replaces the extension's single-node sharing with Redis when this module is on the class path. */
class RedisScaleOutProcessor {
    private static final String FEATURE = "browser-storage-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * A node stopped for a rolling deploy lets its requests finish: a write made there waits for the
     * browser's acknowledgement through another node. Quarkus's default stops at once; the app's own
     * {@code quarkus.shutdown.timeout} wins over this default. Short: Quarkus 3.33 counts a WebSocket's
     * upgrade request as in flight until the process ends, so a node that held a socket always
     * waits the whole timeout.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem gracefulShutdown() {
        return new RunTimeConfigurationDefaultBuildItem("quarkus.shutdown.timeout", "5s");
    }

    /** A stopping node hands its browsers over before Quarkus waits for its requests (sync sockets among them). */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ShutdownListenerBuildItem handOverOnShutdown(RedisShutdownRecorder recorder) {
        return new ShutdownListenerBuildItem(recorder.handOverFirst());
    }

    @BuildStep
    AdditionalBeanBuildItem sharing() {
        return AdditionalBeanBuildItem.unremovableOf(RedisSharing.class);
    }
}
