package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.quarkus.BrowserSessions;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * What the Qute tag {@code {#browserStorage /}} reads at render time, as {@code
 * inject:browserStorageTag}: the app id the glue starts with. The extension registers this bean, and
 * the tag, only in applications that use Qute; it needs no Qute class itself.
 */
@Singleton
@Named("browserStorageTag")
public class BrowserStorageTag {
    private final BrowserSessions sessions;

    @Inject
    BrowserStorageTag(BrowserSessions sessions) {
        this.sessions = sessions;
    }

    /** @return {@code quarkus.browser-storage.app-id}, or the application's name */
    public String appId() {
        return sessions.appId();
    }
}
