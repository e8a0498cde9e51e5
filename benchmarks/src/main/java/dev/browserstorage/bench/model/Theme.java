package dev.browserstorage.bench.model;

/** The colour scheme a user picked. */
public enum Theme {
    /** Dark text on a light background. */
    LIGHT,
    /** Light text on a dark background. */
    DARK,
    /** Whatever the operating system prefers. */
    SYSTEM
}
