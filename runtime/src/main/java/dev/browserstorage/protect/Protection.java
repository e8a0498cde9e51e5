package dev.browserstorage.protect;

/** How a field's stored values are protected from the page and whoever can edit the browser's storage. */
public enum Protection {
    /** Stored as they are: page scripts read and write them. */
    NONE,
    /** With an HMAC-SHA256 tag: page scripts read them, nobody without the keys makes one the server accepts. */
    SIGNED,
    /** Sealed with AES-256-GCM: page scripts cannot read them, nor make one the server accepts. */
    ENCRYPTED
}
