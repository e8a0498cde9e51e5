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

    /** @return the id of the key that seals */
    public String sealingId() {
        throw new UnsupportedOperationException("#18 stub");
    }
}
