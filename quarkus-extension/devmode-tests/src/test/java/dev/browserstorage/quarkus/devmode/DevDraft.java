package dev.browserstorage.quarkus.devmode;

import dev.browserstorage.annotation.SessionStorage;

/** A store DevModeEditsTest adds to the running dev-mode application, then deletes. */
@SessionStorage("devdraft")
public class DevDraft {
    public String text = "empty";
}
