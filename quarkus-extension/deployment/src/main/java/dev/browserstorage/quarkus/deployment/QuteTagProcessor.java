package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.runtime.BrowserStorageTag;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.qute.deployment.TemplatePathBuildItem;
import java.util.function.BooleanSupplier;

/**
 * The Qute tag {@code {#browserStorage /}}: the glue's and the typed stores' script tags, started
 * with the application's id. Qute stays optional: these steps are left out (before their Qute types
 * are loaded) unless the application has the Qute extension.
 */
@BuildSteps(onlyIf = QuteTagProcessor.QutePresent.class)
class QuteTagProcessor {
    /** The tag's template, under Qute's {@code tags/}. */
    static final String TAG = "tags/browserStorage.html";

    @BuildStep
    void registerTag(BrowserStorageBuildTimeConfig config, BuildProducer<TemplatePathBuildItem> templates,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        beans.produce(AdditionalBeanBuildItem.unremovableOf(BrowserStorageTag.class));
        templates.produce(TemplatePathBuildItem.builder()
                .path(TAG)
                .extensionInfo("browser-storage")
                .content(tag(config.path()))
                .build());
    }

    /** The tag's text; the base path is fixed at build time, the app id read when it renders. */
    static String tag(String path) {
        return "<script src=\"" + path + "/storage.js\" data-app=\"{inject:browserStorageTag.appId}\"></script>\n"
                + "<script src=\"" + path + "/stores.global.js\"></script>\n";
    }

    /**
     * True when Qute's deployment classes are on the build's class path, which is so exactly when the
     * application depends on quarkus-qute (Qute declares no capability to ask for instead).
     */
    static final class QutePresent implements BooleanSupplier {
        @Override
        public boolean getAsBoolean() {
            try {
                Class.forName("io.quarkus.qute.deployment.TemplatePathBuildItem", false, QuteTagProcessor.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
