package dev.browserstorage.browser;

/** Why a value a server-side reader sees has changed. */
public enum ChangeSource {
    /** This server wrote it (the change is visible at once, before the browser acknowledges). */
    SERVER_WRITE,
    /** The browser changed it: a bound field, another tab, page script, devtools. */
    BROWSER,
    /** A server write failed in the browser and was taken back. */
    ROLLBACK,
    /** The browser reconnected and sent a snapshot that differs from what the server knew. */
    HYDRATION
}
