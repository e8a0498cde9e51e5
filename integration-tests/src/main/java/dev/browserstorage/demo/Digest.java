package dev.browserstorage.demo;

/** How often the demo sends a summary. */
public enum Digest {
    NEVER,
    DAILY,
    WEEKLY
}
