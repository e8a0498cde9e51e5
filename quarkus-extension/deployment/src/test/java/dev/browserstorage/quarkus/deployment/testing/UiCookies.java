package dev.browserstorage.quarkus.deployment.testing;

import dev.browserstorage.annotation.Cookie;

/** A cookie store for the extension's tests. */
@Cookie(prefix = "ui_")
public class UiCookies {
    public String lang = "en";
}
