package dev.browserstorage.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.pkg.builditem.CurateOutcomeBuildItem;
import io.quarkus.maven.dependency.ResolvedDependency;
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
    void registerQuteSection(CurateOutcomeBuildItem curate, BuildProducer<AdditionalBeanBuildItem> beans) {
        // Qute finds @EngineConfiguration classes in the bean archive's index when it checks templates
        // at build time, and takes section factories from the container when it renders them.
        if (quteIsPresent(curate)) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(SECTION)
                    .setUnremovable()
                    .setDefaultScope(DotName.createSimple(Singleton.class))
                    .build());
        }
    }

    /**
     * Whether the application itself has Qute at run time. Qute declares no capability to ask for,
     * and its classes on the build's class path prove nothing: Quarkus's own build-time tools (the
     * Dev UI) bring qute-core there for applications that run without it.
     */
    static boolean quteIsPresent(CurateOutcomeBuildItem curate) {
        for (ResolvedDependency dependency : curate.getApplicationModel().getRuntimeDependencies()) {
            if ("io.quarkus.qute".equals(dependency.getGroupId()) && "qute-core".equals(dependency.getArtifactId())) {
                return true;
            }
        }
        return false;
    }
}
