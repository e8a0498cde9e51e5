package dev.browserstorage.quarkus.deployment.testing;

import dev.browserstorage.annotation.LocalStorage;

/** A store whose values the tampered-storage test edits by hand, as a user could in devtools. */
@LocalStorage("tampered")
public class Tampered {
    /** A choice of a closed set. */
    public enum Mode {
        LIGHT,
        DARK
    }

    public int size = 14;
    public Mode mode = Mode.LIGHT;
    public String title = "untitled";
    public String note = "none";
}
