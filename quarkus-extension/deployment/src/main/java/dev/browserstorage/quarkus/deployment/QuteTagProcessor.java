package dev.browserstorage.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import jakarta.inject.Singleton;
import org.jboss.jandex.DotName;

/**
 * The Qute section {@code {#browserStorage /}}: registered only in applications that have Qute, so
 * Qute stays optional. No type here names a Qute class (a build step's signature or body that did
 * would fail to load without Qute); the section itself is the runtime class {@code
 * BrowserStorageSection}, named by string for the same reason.
 */
class QuteTagProcessor {
    static final String SECTION = "dev.browserstorage.quarkus.runtime.BrowserStorageSection";

    @BuildStep
    void registerQuteSection(BuildProducer<AdditionalBeanBuildItem> beans) {
        // Qute finds @EngineConfiguration classes in the bean archive's index when it checks templates
        // at build time, and takes section factories from the container when it renders them.
        if (quteIsPresent()) {
            beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(SECTION).setUnremovable()
                    .setDefaultScope(DotName.createSimple(Singleton.class)).build());
        }
    }

    /** Qute declares no capability to ask for; its engine's classes are there exactly when the application has Qute. */
    static boolean quteIsPresent() {
        try {
            Class.forName("io.quarkus.qute.SectionHelperFactory", false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
