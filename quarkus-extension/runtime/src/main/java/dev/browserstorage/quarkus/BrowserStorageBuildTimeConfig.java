package dev.browserstorage.quarkus;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

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
     * Which optional parts the served glue carries. The core (the sync protocol for localStorage and
     * sessionStorage) is always there; each part left out is a smaller script for every page.
     *
     * @return the glue's parts
     */
    Glue glue();

    /** The optional parts of the glue, under {@code quarkus.browser-storage.glue}. */
    interface Glue {
        /**
         * Whether the glue carries the cookie road: cookie writes over the socket, HttpOnly commits
         * and cookie change detection. Unset, it does when the application has {@code @Cookie}
         * stores or a class of its own that uses {@code BrowserCookies}. Without it, a cookie write
         * that has to go over the socket fails with {@code StorageUnavailableException}; cookies
         * written inside an HTTP request go by {@code Set-Cookie} and need no glue.
         *
         * @return true to always include it, false to leave it out, empty to decide from the application
         */
        Optional<Boolean> cookies();

        /**
         * Whether the glue carries form binding ({@code data-storage} fields) and the schemas of
         * the application's stores. Unset, it does when the application has stores (a field binds to
         * a field of any store but an HttpOnly cookie).
         *
         * @return true to always include it, false to leave it out, empty to decide from the application
         */
        Optional<Boolean> binding();
    }

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
