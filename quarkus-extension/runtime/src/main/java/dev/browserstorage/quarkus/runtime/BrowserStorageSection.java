package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserSessions;
import io.quarkus.arc.Arc;
import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.SingleResultNode;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Qute section {@code {#browserStorage /}}: the script tags of the glue, started with the
 * application's id, and of the typed stores (docs/javascript.md). Qute finds it through {@link
 * EngineConfiguration}, at build time to check templates and at run time to render them. The
 * extension indexes this class only in applications that have Qute, so without Qute it is never
 * loaded.
 */
@EngineConfiguration
public class BrowserStorageSection implements SectionHelperFactory<BrowserStorageSection.Tags> {

    @Override
    public List<String> getDefaultAliases() {
        return List.of("browserStorage");
    }

    @Override
    public Tags initialize(SectionInitContext context) {
        return new Tags();
    }

    /**
     * The section's text: the base path is the build-time {@code quarkus.browser-storage.path}, the
     * app id the one the server's sessions use. Neither can hold a character HTML would need escaped
     * (both are checked when the application starts).
     *
     * @param path the base path
     * @param appId the app id
     * @return the two script tags
     */
    static String tags(String path, String appId) {
        return "<script src=\"" + path + "/storage.js\" data-app=\"" + appId + "\"></script>\n"
                + "<script src=\"" + path + "/stores.global.js\"></script>";
    }

    /** Renders the script tags; they are the same for every page of a running application. */
    static final class Tags implements SectionHelper {
        private volatile String text;

        @Override
        public CompletionStage<ResultNode> resolve(SectionResolutionContext context) {
            if (text == null) {
                String path = ConfigProvider.getConfig().getOptionalValue("quarkus.browser-storage.path", String.class)
                        .orElse("/_storage");
                text = tags(path, Arc.container().select(BrowserSessions.class).get().appId());
            }
            return CompletedStage.of(new SingleResultNode(text));
        }
    }
}
