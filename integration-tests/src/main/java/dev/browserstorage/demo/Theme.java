package dev.browserstorage.demo;

/** The colour schemes the demo offers. */
public enum Theme {
    LIGHT,
    DARK,
    SYSTEM
}
