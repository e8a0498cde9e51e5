package dev.browserstorage.quarkus.redis.deployment;

import dev.browserstorage.quarkus.redis.RedisSharing;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Replaces the extension's single-node sharing with Redis when this module is on the class path. */
class RedisScaleOutProcessor {
    private static final String FEATURE = "browser-storage-redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem sharing() {
        return AdditionalBeanBuildItem.unremovableOf(RedisSharing.class);
    }
}
