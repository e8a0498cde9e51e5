package dev.browserstorage.demo;

/** What the demo's notifications may be about. */
public enum Topic {
    RELEASES,
    SECURITY,
    EVENTS
}
