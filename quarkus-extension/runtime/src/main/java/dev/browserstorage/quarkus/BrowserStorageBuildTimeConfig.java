package dev.browserstorage.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Configuration of browser-storage fixed when the application is built, under {@code
 * quarkus.browser-storage}.
 */
@ConfigMapping(prefix = "quarkus.browser-storage")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface BrowserStorageBuildTimeConfig {

    /**
     * The path under which the extension serves the browser: the glue at {@code <path>/storage.js},
     * the stores' schemas at {@code <path>/stores.json} and the sync WebSocket at {@code
     * <path>/sync}. The glue finds the socket next to the URL it was loaded from, so a page needs no
     * other setting. Default {@code /_storage}.
     *
     * @return the base path, starting with {@code /} and not ending with one
     */
    @WithDefault("/_storage")
    String path();

    /**
     * Whether each generated store is also a CDI bean with a name, so that Qute templates read it as
     * {@code {inject:prefs.theme}} (docs/templates.md): a localStorage or sessionStorage store is
     * named by its namespace, a cookie store by its POJO's simple name with a lower-case first
     * letter ({@code UiCookies} gives {@code uiCookies}); a namespace that is no Java identifier
     * gives no name. A build fails if another bean has one of these names; set this to {@code false}
     * to keep the stores unnamed instead. Default {@code true}.
     *
     * @return true to name the stores
     */
    @WithDefault("true")
    boolean namedStores();
}
