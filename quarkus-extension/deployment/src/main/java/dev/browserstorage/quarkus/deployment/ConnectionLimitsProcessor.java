package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.runtime.ConnectionLimits;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;

/** Build steps of the sync endpoint's abuse limits (connections per browser, frame rate). */
class ConnectionLimitsProcessor {

    @BuildStep
    AdditionalBeanBuildItem registerConnectionLimits() {
        return AdditionalBeanBuildItem.unremovableOf(ConnectionLimits.class);
    }
}
