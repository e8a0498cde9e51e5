package dev.browserstorage.protect;

import java.util.Map;

/**
 * The app's keys for protected values: each with an id, the newest sealing, every one opening.
 * STUB (#18): signatures fixed, implementation by the runtime-protect work.
 */
public final class KeyRing {
    private KeyRing() {}

    /**
     * A ring from configured keys.
     *
     * @param keys each key's id (1 to 8 of {@code A-Z a-z 0-9 _ -}) and secret (at least 32 bytes)
     * @param sealingId the id of the key that seals; the others only open
     * @return the ring
     * @throws IllegalArgumentException naming the id (never a secret) if an id or key is invalid
     */
    public static KeyRing of(Map<String, byte[]> keys, String sealingId) {
        throw new UnsupportedOperationException("#18 stub");
    }

    /**
     * A ring of one random key, for tests and a single node without configured keys: values it
     * sealed cannot be opened by another process.
     *
     * @return the ring
     */
    public static KeyRing random() {
        throw new UnsupportedOperationException("#18 stub");
    }

    /**
     * Seals a stored text: {@code s.<kid>.<exp>.<mac>.<text>} (signed) or {@code
     * e.<kid>.<exp>.<data>} (encrypted), with the sealing key (design: /tmp/briefs/design18.md).
     *
     * @param protection {@link Protection#SIGNED} or {@link Protection#ENCRYPTED}
     * @param binding what the value is bound to: the area's wire name, a line feed, the key inside the app
     * @param expiresAtSeconds epoch seconds after which it must not open, or 0 for no expiry
     * @param text the text as it would be stored unprotected
     * @return the sealed text (cookie-safe wherever {@code text} is)
     */
    public String seal(Protection protection, String binding, long expiresAtSeconds, String text) {
        throw new UnsupportedOperationException("#18 stub");
    }

    /**
     * Opens a sealed text with whichever configured key sealed it.
     *
     * @param binding what it must be bound to (as for {@link #seal})
     * @param sealed the stored text
     * @param nowMillis the current time, for the sealed expiry
     * @return the text inside, the protection it had and whether it needs sealing again with the
     *     newest key
     * @throws SealException with the reason it does not open
     */
    public Opened open(String binding, String sealed, long nowMillis) {
        throw new UnsupportedOperationException("#18 stub");
    }

    /**
     * A sealed text opened.
     *
     * @param text the text inside
     * @param protection how it was sealed
     * @param expiresAtSeconds its sealed expiry, 0 for none
     * @param stale true if an older key sealed it: seal it again with the newest
     */
    public record Opened(String text, Protection protection, long expiresAtSeconds, boolean stale) {}

    /** @return the id of the key that seals */
    public String sealingId() {
        throw new UnsupportedOperationException("#18 stub");
    }
}
