package dev.browserstorage.quarkus.devmode;

import dev.browserstorage.annotation.LocalStorage;

/** A localStorage store of the dev-mode application, which DevModeEditsTest edits while it runs. */
@LocalStorage("devprefs")
public class DevPrefs {
    public String theme = "light";
}
