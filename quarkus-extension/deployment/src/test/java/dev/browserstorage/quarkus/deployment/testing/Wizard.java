package dev.browserstorage.quarkus.deployment.testing;

import dev.browserstorage.annotation.SessionStorage;

/** A sessionStorage store for the extension's tests: one tab's progress through a form. */
@SessionStorage("wizard")
public class Wizard {
    public String step = "start";
}
