package dev.browserstorage.quarkus.devmode;

import dev.browserstorage.annotation.Cookie;

/** A cookie store of the dev-mode application, which DevModeEditsTest edits while it runs. */
@Cookie(prefix = "dev_")
public class DevCookies {
    public String lang = "en";
}
