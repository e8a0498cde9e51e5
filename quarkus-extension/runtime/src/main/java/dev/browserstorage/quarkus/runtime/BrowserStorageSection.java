package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.PageScripts;
import io.quarkus.arc.Arc;
import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.SingleResultNode;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Qute section {@code {#browserStorage /}}: the script tags of the glue, started with the
 * application's id and carrying the browser's pending server writes, and of the typed stores
 * ({@link PageScripts}, docs/javascript.md). Qute finds it through {@link
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
     * Renders the script tags of {@link PageScripts}: the same for every page but for the pending
     * writes of the request's browser, which the tag carries when it has any.
     */
    static final class Tags implements SectionHelper {
        private volatile PageScripts scripts;

        @Override
        public CompletionStage<ResultNode> resolve(SectionResolutionContext context) {
            if (scripts == null) {
                scripts = Arc.container().select(PageScripts.class).get();
            }
            return CompletedStage.of(new SingleResultNode(scripts.scripts()));
        }
    }
}
