package dev.browserstorage.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The app's keys for protected values: each with an id, one sealing, every one opening.
 *
 * <p>The sealed text of a value is {@code s.<kid>.<exp>.<mac>.<text>} (signed) or {@code
 * e.<kid>.<exp>.<data>} (encrypted):
 *
 * <ul>
 *   <li>{@code <kid>}: the sealing key's id, 1 to 8 of {@code A-Z a-z 0-9 _ -};
 *   <li>{@code <exp>}: empty, or the epoch second after which the value does not open (decimal, at
 *       most {@value #MAX_EXPIRY_DIGITS} digits);
 *   <li>{@code <mac>}: HMAC-SHA256 with the key's MAC subkey of {@code "bs1 s\n" + binding + "\n" +
 *       exp + "\n" + text}, base64url without padding (43 characters);
 *   <li>{@code <data>}: base64url without padding of a random 12-byte IV followed by the AES-256-GCM
 *       ciphertext and 128-bit tag of the text's UTF-8, with the key's encryption subkey and the
 *       additional data {@code "bs1 e\n" + binding + "\n" + exp}.
 * </ul>
 *
 * <p>The binding (the area's wire name, a line feed, the key inside the app) is part of what the tag
 * covers: a sealed text copied to another key does not open. Each configured secret only derives
 * the two subkeys: {@code HMAC-SHA256(secret, "browser-storage hmac-sha256")} and the first 32 bytes
 * of {@code HMAC-SHA256(secret, "browser-storage aes-256-gcm")}; the secrets themselves are not kept.
 *
 * <p>Thread safe and cheap per call: each key keeps a {@link Mac} initialised once, which every call
 * clones (a copy of its precomputed state, with no provider lookup or key schedule; a {@code Mac} is
 * not thread safe, and a clone works on every kind of thread, virtual ones included, without
 * pinning an instance per thread). A {@link Cipher} cannot be cloned and must be initialised with a
 * fresh IV for every value anyway, so each thread keeps one ({@link ThreadLocal}), sparing the
 * provider lookup of {@link Cipher#getInstance}. IVs come from one shared {@link SecureRandom}.
 */
public final class KeyRing {
    /** The most digits of a sealed expiry: epoch seconds up to the year 5138. */
    public static final int MAX_EXPIRY_DIGITS = 11;

    /** The latest sealed expiry, in epoch seconds; later ones are sealed as this. */
    public static final long MAX_EXPIRY_SECONDS = 99_999_999_999L;

    /** The most characters of a key id. */
    public static final int MAX_ID_LENGTH = 8;

    /** The fewest bytes of a secret. */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * The most bytes sealing adds to a signed value: {@code s.}, the id, a dot, the expiry, a dot,
     * the MAC and a dot.
     */
    public static final int MAX_SIGNED_OVERHEAD = 2 + MAX_ID_LENGTH + 1 + MAX_EXPIRY_DIGITS + 1 + 43 + 1;

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAC_CHARS = 43;
    private static final String MAC_ALGORITHM = "HmacSHA256";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final byte[] MAC_LABEL = "browser-storage hmac-sha256".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENC_LABEL = "browser-storage aes-256-gcm".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(KeyRing::newCipher);

    private final Map<String, Key> keys;
    private final Key sealing;

    private KeyRing(Map<String, Key> keys, Key sealing) {
        this.keys = keys;
        this.sealing = sealing;
    }

    /**
     * A ring from configured keys.
     *
     * @param keys each key's id (1 to 8 of {@code A-Z a-z 0-9 _ -}) and secret (at least 32 bytes);
     *     the secrets are not kept, only keys derived from them
     * @param sealingId the id of the key that seals; the others only open. May be {@code null} when
     *     there is exactly one key: that one seals
     * @return the ring
     * @throws IllegalArgumentException naming the id (never a secret) if an id or key is invalid, or
     *     the sealing id is not one of the keys
     */
    public static KeyRing of(Map<String, byte[]> keys, String sealingId) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("A key ring needs at least one key");
        }
        Map<String, Key> derived = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> entry : keys.entrySet()) {
            String id = entry.getKey();
            checkId(id);
            byte[] secret = entry.getValue();
            if (secret == null || secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("Key '" + id + "' has " + (secret == null ? 0 : secret.length)
                        + " bytes; a key needs at least " + MIN_SECRET_BYTES + " random bytes");
            }
            derived.put(id, Key.derive(id, secret));
        }
        String sealer = sealingId;
        if (sealer == null) {
            if (derived.size() != 1) {
                throw new IllegalArgumentException("With " + derived.size() + " keys " + derived.keySet()
                        + ", name the one that seals (the others only open)");
            }
            sealer = derived.keySet().iterator().next();
        }
        Key sealing = derived.get(sealer);
        if (sealing == null) {
            throw new IllegalArgumentException(
                    "The sealing key '" + printable(sealer) + "' is not one of the keys " + derived.keySet());
        }
        return new KeyRing(Map.copyOf(derived), sealing);
    }

    /**
     * A ring of one random key, for tests and a single node without configured keys: values it
     * sealed cannot be opened by another process (they are refused as {@link
     * RejectedValue.Reason#UNKNOWN_KEY}: each random ring's key has an id of its own).
     *
     * @return the ring
     */
    public static KeyRing random() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        byte[] idBytes = new byte[6];
        RANDOM.nextBytes(idBytes);
        String id = BASE64URL.encodeToString(idBytes); // 8 characters
        Key key = Key.derive(id, secret);
        Arrays.fill(secret, (byte) 0);
        return new KeyRing(Map.of(id, key), key);
    }

    private static void checkId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("Key id '" + (id == null ? "null" : printable(id)) + "' must be 1 to "
                    + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 _ -");
        }
    }

    /**
     * Whether a text can be a key's id: 1 to {@value #MAX_ID_LENGTH} of {@code A-Z a-z 0-9 _ -}
     * (it is written into every value the key seals).
     *
     * @param id the id, or {@code null}
     * @return true if it is valid
     */
    public static boolean isValidId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!idChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String id) {
        String shown = id.length() > 40 ? id.substring(0, 40) + "…" : id;
        return shown.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static boolean idChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /**
     * The most bytes a sealed text can have, for a text of the given UTF-8 length: what a check of
     * a bounded size (a cookie's 4096 bytes) needs.
     *
     * @param protection how it is sealed
     * @param textBytes the UTF-8 length of the text as stored unprotected
     * @return the sealed text's most bytes (ASCII apart from a signed value's text)
     */
    public static long maxSealedBytes(Protection protection, long textBytes) {
        return switch (protection) {
            case NONE -> textBytes;
            case SIGNED -> MAX_SIGNED_OVERHEAD + textBytes;
            case ENCRYPTED ->
                2 + MAX_ID_LENGTH + 1 + MAX_EXPIRY_DIGITS + 1 + ((IV_BYTES + textBytes + TAG_BITS / 8) * 4 + 2) / 3;
        };
    }

    /**
     * Seals a stored text: {@code s.<kid>.<exp>.<mac>.<text>} (signed) or {@code
     * e.<kid>.<exp>.<data>} (encrypted), with the sealing key.
     *
     * @param protection {@link Protection#SIGNED} or {@link Protection#ENCRYPTED}
     * @param binding what the value is bound to: the area's wire name, a line feed, the key inside the app
     * @param expiresAtSeconds epoch seconds after which it must not open, or 0 for no expiry; later
     *     than {@link #MAX_EXPIRY_SECONDS} is sealed as that
     * @param text the text as it would be stored unprotected
     * @return the sealed text (cookie-safe wherever {@code text} is; an encrypted one always is)
     * @throws IllegalArgumentException for {@link Protection#NONE} or a negative expiry
     */
    public String seal(Protection protection, String binding, long expiresAtSeconds, String text) {
        Objects.requireNonNull(protection, "protection");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(text, "text");
        if (expiresAtSeconds < 0) {
            throw new IllegalArgumentException("Expiry must not be negative: " + expiresAtSeconds);
        }
        String exp = expiresAtSeconds == 0 ? "" : Long.toString(Math.min(expiresAtSeconds, MAX_EXPIRY_SECONDS));
        return switch (protection) {
            case SIGNED -> "s." + sealing.id + "." + exp + "." + sealing.mac(binding, exp, text) + "." + text;
            case ENCRYPTED -> "e." + sealing.id + "." + exp + "." + sealing.encrypt(binding, exp, text);
            case NONE -> throw new IllegalArgumentException("Nothing to seal for " + protection);
        };
    }

    /**
     * Opens a sealed text with whichever configured key sealed it. Its form is checked first, then
     * its key, then its tag, and its expiry only once the tag shows it authentic.
     *
     * @param binding what it must be bound to (as for {@link #seal})
     * @param sealed the stored text
     * @param nowMillis the current time, for the sealed expiry
     * @return the text inside, the protection it had and whether it needs sealing again with the
     *     newest key
     * @throws SealException with the reason it does not open
     */
    public Opened open(String binding, String sealed, long nowMillis) throws SealException {
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(sealed, "sealed");
        Protection protection;
        if (sealed.startsWith("s.")) {
            protection = Protection.SIGNED;
        } else if (sealed.startsWith("e.")) {
            protection = Protection.ENCRYPTED;
        } else {
            throw notSealed("it does not start with 's.' or 'e.'");
        }
        int idEnd = sealed.indexOf('.', 2);
        if (idEnd < 3 || idEnd - 2 > MAX_ID_LENGTH) {
            throw notSealed("no key id");
        }
        for (int i = 2; i < idEnd; i++) {
            if (!idChar(sealed.charAt(i))) {
                throw notSealed("no key id");
            }
        }
        int expEnd = sealed.indexOf('.', idEnd + 1);
        if (expEnd < 0) {
            throw notSealed("no expiry");
        }
        String exp = sealed.substring(idEnd + 1, expEnd);
        long expiresAtSeconds = parseExpiry(exp);
        String id = sealed.substring(2, idEnd);
        Key key = keys.get(id);
        String text;
        if (protection == Protection.SIGNED) {
            int macEnd = expEnd + 1 + MAC_CHARS;
            if (sealed.length() <= macEnd || sealed.charAt(macEnd) != '.') {
                throw notSealed("no MAC");
            }
            if (key == null) {
                throw unknownKey(id);
            }
            text = sealed.substring(macEnd + 1);
            byte[] expected = key.mac(binding, exp, text).getBytes(StandardCharsets.US_ASCII);
            byte[] actual = sealed.substring(expEnd + 1, macEnd).getBytes(StandardCharsets.US_ASCII);
            // The MAC's text is compared, not its bytes: base64 has several texts for the same bytes.
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new SealException(RejectedValue.Reason.TAMPERED, "its MAC does not match");
            }
        } else {
            String data = sealed.substring(expEnd + 1);
            byte[] bytes = decodeCanonical(data);
            if (key == null) {
                throw unknownKey(id);
            }
            text = key.decrypt(binding, exp, bytes);
        }
        if (expiresAtSeconds != 0 && nowMillis > expiresAtSeconds * 1000) {
            throw new SealException(RejectedValue.Reason.EXPIRED, "its sealed expiry has passed");
        }
        return new Opened(text, protection, expiresAtSeconds, key != sealing);
    }

    private static long parseExpiry(String exp) throws SealException {
        if (exp.isEmpty()) {
            return 0;
        }
        if (exp.length() > MAX_EXPIRY_DIGITS || exp.charAt(0) == '0') {
            throw notSealed("its expiry is not a number of seconds");
        }
        long seconds = 0;
        for (int i = 0; i < exp.length(); i++) {
            char c = exp.charAt(i);
            if (c < '0' || c > '9') {
                throw notSealed("its expiry is not a number of seconds");
            }
            seconds = seconds * 10 + (c - '0');
        }
        return seconds;
    }

    /** Base64url without padding, in the one text that encodes its bytes (no padding, no stray bits). */
    private static byte[] decodeCanonical(String data) throws SealException {
        int minChars = ((IV_BYTES + TAG_BITS / 8) * 4 + 2) / 3;
        if (data.length() < minChars || data.length() % 4 == 1) {
            throw notSealed("its data is too short or not base64url");
        }
        byte[] bytes;
        try {
            bytes = BASE64URL_DECODER.decode(data);
        } catch (IllegalArgumentException e) {
            throw notSealed("its data is not base64url");
        }
        if (!BASE64URL.encodeToString(bytes).equals(data)) {
            throw notSealed("its data is not base64url without padding");
        }
        return bytes;
    }

    private static SealException notSealed(String why) {
        return new SealException(RejectedValue.Reason.NOT_SEALED, "It is not a sealed value: " + why);
    }

    private static SealException unknownKey(String id) {
        return new SealException(
                RejectedValue.Reason.UNKNOWN_KEY, "It was sealed with key '" + id + "', which is not configured");
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
        return sealing.id;
    }

    @Override
    public String toString() {
        return "KeyRing[sealing " + sealing.id + " of " + keys.keySet() + "]";
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(CIPHER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no " + CIPHER, e);
        }
    }

    /** One key's id and the subkeys derived from its secret. */
    private static final class Key {
        private final String id;
        /** Initialised with the MAC subkey; cloned for each use. */
        private final Mac macPrototype;

        private final SecretKeySpec encKey;

        private Key(String id, Mac macPrototype, SecretKeySpec encKey) {
            this.id = id;
            this.macPrototype = macPrototype;
            this.encKey = encKey;
        }

        static Key derive(String id, byte[] secret) {
            try {
                Mac derivation = Mac.getInstance(MAC_ALGORITHM);
                derivation.init(new SecretKeySpec(secret, MAC_ALGORITHM));
                byte[] macKey = derivation.doFinal(MAC_LABEL);
                byte[] encKey = Arrays.copyOf(derivation.doFinal(ENC_LABEL), 32);
                Mac mac = Mac.getInstance(MAC_ALGORITHM);
                mac.init(new SecretKeySpec(macKey, MAC_ALGORITHM));
                Key key = new Key(id, mac, new SecretKeySpec(encKey, "AES"));
                Arrays.fill(macKey, (byte) 0);
                Arrays.fill(encKey, (byte) 0);
                return key;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("This JDK has no " + MAC_ALGORITHM, e);
            }
        }

        private Mac mac() {
            try {
                return (Mac) macPrototype.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(MAC_ALGORITHM + " of this JDK cannot be cloned", e);
            }
        }

        String mac(String binding, String exp, String text) {
            Mac mac = mac();
            mac.update(("bs1 s\n" + binding + "\n" + exp + "\n").getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        }

        String encrypt(String binding, String exp, String text) {
            byte[] plain = text.getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[IV_BYTES + plain.length + TAG_BITS / 8];
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            Cipher cipher = CIPHERS.get();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, encKey, new GCMParameterSpec(TAG_BITS, iv));
                cipher.updateAAD(aad(binding, exp));
                cipher.doFinal(plain, 0, plain.length, out, IV_BYTES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM failed", e);
            }
            return BASE64URL.encodeToString(out);
        }

        String decrypt(String binding, String exp, byte[] data) throws SealException {
            Cipher cipher = CIPHERS.get();
            try {
                cipher.init(Cipher.DECRYPT_MODE, encKey, new GCMParameterSpec(TAG_BITS, data, 0, IV_BYTES));
                cipher.updateAAD(aad(binding, exp));
                byte[] plain = cipher.doFinal(data, IV_BYTES, data.length - IV_BYTES);
                return new String(plain, StandardCharsets.UTF_8);
            } catch (AEADBadTagException e) {
                throw new SealException(RejectedValue.Reason.TAMPERED, "its tag does not match");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-256-GCM failed", e);
            }
        }

        private static byte[] aad(String binding, String exp) {
            return ("bs1 e\n" + binding + "\n" + exp).getBytes(StandardCharsets.UTF_8);
        }
    }
}
