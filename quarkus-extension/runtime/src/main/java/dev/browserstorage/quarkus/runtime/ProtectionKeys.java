package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protect.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key ring of protected values ({@code @Signed}, {@code @Encrypted}) from the app's
 * configuration ({@code quarkus.browser-storage.keys}, {@code sealing-key}), or from one generated
 * secret when none is configured. Every message of a refused configuration names the property,
 * the key's id and the rule, never a secret.
 *
 * <p>A generated key's id is {@code g} and seven characters derived from its secret ({@link
 * #generatedId}): the nodes that share one secret (through Redis) give it the same id, a key drawn
 * afresh (another process, a restart) gets another one, so its values are refused as sealed by an
 * unknown key rather than as tampered. An app that starts configuring keys keeps the values the
 * generated key sealed by configuring that secret under that id beside its new sealing key.
 */
final class ProtectionKeys {
    /** The property of the keys. */
    static final String KEYS = "quarkus.browser-storage.keys";
    /** The property of the sealing key's id. */
    static final String SEALING_KEY = "quarkus.browser-storage.sealing-key";
    /** The least length of a key, in bytes. */
    static final int MIN_BYTES = KeyRing.MIN_SECRET_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ID_CONTEXT = "browser-storage key id".getBytes(StandardCharsets.US_ASCII);

    private ProtectionKeys() {}

    /**
     * The configured keys, checked.
     *
     * @param keys the configured secrets (base64) by id
     * @param sealingKey the configured sealing key's id
     * @return the ring, or empty when no key is configured
     * @throws IllegalStateException naming the property, the id and the rule (never the secret)
     */
    static Optional<KeyRing> configured(Map<String, String> keys, Optional<String> sealingKey) {
        if (keys.isEmpty()) {
            if (sealingKey.isPresent()) {
                throw new IllegalStateException(SEALING_KEY + " is '" + sealingKey.get() + "', but " + KEYS
                        + " has no keys: configure the key as " + KEYS + ".\"" + sealingKey.get()
                        + "\"=<base64 of at least " + MIN_BYTES + " random bytes>, or remove " + SEALING_KEY);
            }
            return Optional.empty();
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, String> key : new TreeMap<>(keys).entrySet()) {
            secrets.put(key.getKey(), secret(key.getKey(), key.getValue()));
        }
        String sealing;
        if (sealingKey.isPresent()) {
            sealing = sealingKey.get();
            if (!secrets.containsKey(sealing)) {
                throw new IllegalStateException(SEALING_KEY + " is '" + sealing + "', which is not the id of a key in "
                        + KEYS + " (" + String.join(", ", secrets.keySet()) + ")");
            }
        } else if (secrets.size() == 1) {
            sealing = secrets.keySet().iterator().next();
        } else {
            throw new IllegalStateException(
                    KEYS + " has " + secrets.size() + " keys (" + String.join(", ", secrets.keySet()) + "): set "
                            + SEALING_KEY + " to the id of the one that seals new values; the others only open");
        }
        try {
            return Optional.of(KeyRing.of(secrets, sealing));
        } catch (IllegalArgumentException e) {
            // KeyRing names the id and never a secret.
            throw new IllegalStateException(KEYS + ": " + e.getMessage(), e);
        }
    }

    /** A configured key's secret, checked: its id, its base64 and its length. */
    private static byte[] secret(String id, String base64) {
        if (!KeyRing.isValidId(id)) {
            throw new IllegalStateException(KEYS + " has a key whose id '" + id + "' is not 1 to 8 of letters, digits,"
                    + " '_' and '-' (the id is written into every value the key seals)");
        }
        String property = KEYS + ".\"" + id + "\"";
        byte[] secret;
        try {
            String text = base64.strip();
            secret = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            // The decoder's message can quote a character of the secret: not repeated.
            throw new IllegalStateException(property + " is not base64: give the key as base64 of at least " + MIN_BYTES
                    + " random bytes, such as the output of 'openssl rand -base64 32'");
        }
        if (secret.length < MIN_BYTES) {
            throw new IllegalStateException(property + " is " + secret.length + " bytes long once decoded from base64:"
                    + " a key must be at least " + MIN_BYTES + " random bytes, such as the output of 'openssl rand"
                    + " -base64 32'");
        }
        return secret;
    }

    /**
     * A ring of one generated secret, under its {@link #generatedId}.
     *
     * @param secret the secret, at least 32 bytes
     * @return the ring
     */
    static KeyRing generated(byte[] secret) {
        return KeyRing.of(Map.of(generatedId(secret), secret), generatedId(secret));
    }

    /** @return 32 random bytes, a secret for {@link #generated} */
    static byte[] randomSecret() {
        byte[] secret = new byte[MIN_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /**
     * The id of a generated key: {@code g} and the first seven base64url characters of
     * HMAC-SHA256(secret, "browser-storage key id"). The same secret always has the same id; it
     * tells nothing about the secret.
     *
     * @param secret the secret
     * @return its id, 8 characters
     */
    static String generatedId(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "g"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(ID_CONTEXT))
                            .substring(0, 7);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
