package dev.browserstorage.quarkus.deployment.testing;

import dev.browserstorage.annotation.LocalStorage;

/** A store for the extension's tests. */
@LocalStorage("prefs")
public class Prefs {
    public String theme = "light";
    public int fontSize = 14;
}
