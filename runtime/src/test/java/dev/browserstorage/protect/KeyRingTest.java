package dev.browserstorage.protect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.protect.KeyRing.Opened;
import dev.browserstorage.protect.RejectedValue.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The sealed text of protected values: its exact form, every reason a text does not open, key rotation. */
class KeyRingTest {
    private static final String BINDING = "local\nprefs.role";
    private static final long NOW = 1_800_000_000_000L;

    private static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    private static KeyRing ring(String sealing, String... ids) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String id : ids) {
            keys.put(id, secret(id.charAt(0)));
        }
        return KeyRing.of(keys, sealing);
    }

    private final KeyRing a = ring("A", "A");

    @Test
    void signedRoundTripsAndHasTheDesignedForm() throws Exception {
        String sealed = a.seal(Protection.SIGNED, BINDING, 0, "\"admin\"");
        assertThat(sealed).matches("s\\.A\\.\\.[A-Za-z0-9_-]{43}\\.\"admin\"");
        // The MAC is HMAC-SHA256(macKey, "bs1 s\n" + binding + "\n" + exp + "\n" + text), macKey derived from the
        // secret.
        byte[] macKey = hmac(secret('A'), "browser-storage hmac-sha256");
        String mac = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(hmac(macKey, "bs1 s\n" + BINDING + "\n\n\"admin\""));
        assertThat(sealed).isEqualTo("s.A.." + mac + ".\"admin\"");

        Opened opened = a.open(BINDING, sealed, NOW);
        assertThat(opened).isEqualTo(new Opened("\"admin\"", Protection.SIGNED, 0, false));
    }

    @Test
    void encryptedRoundTripsHidesTheTextAndUsesAFreshIvEachTime() throws Exception {
        String text = "{\"card\":\"4111 1111 1111 1111\",\"name\":\"Zoë\"}";
        String first = a.seal(Protection.ENCRYPTED, BINDING, 0, text);
        String second = a.seal(Protection.ENCRYPTED, BINDING, 0, text);
        assertThat(first)
                .matches("e\\.A\\.\\.[A-Za-z0-9_-]+")
                .doesNotContain("4111")
                .isNotEqualTo(second);
        int textBytes = text.getBytes(StandardCharsets.UTF_8).length;
        String data = first.substring("e.A..".length());
        assertThat(Base64.getUrlDecoder().decode(data)).hasSize(12 + textBytes + 16);

        assertThat(a.open(BINDING, first, NOW)).isEqualTo(new Opened(text, Protection.ENCRYPTED, 0, false));
        assertThat(a.open(BINDING, second, NOW).text()).isEqualTo(text);
    }

    @Test
    void encryptedDataIsAes256GcmWithTheDerivedKeyAndTheBindingAsAad() throws Exception {
        String sealed = a.seal(Protection.ENCRYPTED, BINDING, 1_900_000_000L, "42");
        byte[] data = Base64.getUrlDecoder().decode(sealed.substring("e.A.1900000000.".length()));
        byte[] encKey = Arrays.copyOf(hmac(secret('A'), "browser-storage aes-256-gcm"), 32);
        javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                javax.crypto.Cipher.DECRYPT_MODE,
                new SecretKeySpec(encKey, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, data, 0, 12));
        cipher.updateAAD(("bs1 e\n" + BINDING + "\n1900000000").getBytes(StandardCharsets.UTF_8));
        assertThat(new String(cipher.doFinal(data, 12, data.length - 12), StandardCharsets.UTF_8))
                .isEqualTo("42");
    }

    @Test
    void expiryIsSealedAndChecked() throws Exception {
        long exp = NOW / 1000 + 60;
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String sealed = a.seal(protection, BINDING, exp, "1");
            assertThat(sealed).startsWith(protection == Protection.SIGNED ? "s.A." + exp + "." : "e.A." + exp + ".");
            assertThat(a.open(BINDING, sealed, exp * 1000).expiresAtSeconds()).isEqualTo(exp);
            assertReason(() -> a.open(BINDING, sealed, exp * 1000 + 1), Reason.EXPIRED);
            // The expiry is covered by the tag: pushing it later does not open.
            String later = sealed.replace("." + exp + ".", "." + (exp + 1000) + ".");
            assertReason(() -> a.open(BINDING, later, NOW), Reason.TAMPERED);
            String none = sealed.replace("." + exp + ".", "..");
            assertReason(() -> a.open(BINDING, none, NOW), Reason.TAMPERED);
        }
    }

    @Test
    void anExpiryPastTheLargestIsSealedAsTheLargest() throws Exception {
        String sealed = a.seal(Protection.SIGNED, BINDING, Long.MAX_VALUE, "1");
        assertThat(sealed).startsWith("s.A.99999999999.");
        assertThat(a.open(BINDING, sealed, NOW).expiresAtSeconds()).isEqualTo(KeyRing.MAX_EXPIRY_SECONDS);
        assertThatThrownBy(() -> a.seal(Protection.SIGNED, BINDING, -1, "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.seal(Protection.NONE, BINDING, 0, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notSealedTexts() {
        for (String text : List.of(
                "",
                "\"admin\"",
                "s.",
                "s.A",
                "s..." + "x".repeat(43) + ".1",
                "s.TOOLONGID.." + "x".repeat(43) + ".1",
                "s.A$.." + "x".repeat(43) + ".1",
                "s.A.01." + "x".repeat(43) + ".1",
                "s.A.1x." + "x".repeat(43) + ".1",
                "s.A.123456789012." + "x".repeat(43) + ".1",
                "s.A.." + "x".repeat(42) + ".1",
                "s.A.." + "x".repeat(43),
                "e.A..",
                "e.A..short",
                "e.A.." + "!".repeat(60),
                "E.A..abc")) {
            assertReason(() -> a.open(BINDING, text, NOW), Reason.NOT_SEALED);
        }
    }

    @Test
    void aValueBoundToAnotherKeyOrAreaDoesNotOpen() throws Exception {
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String sealed = a.seal(protection, BINDING, 0, "\"admin\"");
            assertReason(() -> a.open("local\nprefs.other", sealed, NOW), Reason.TAMPERED);
            assertReason(() -> a.open("session\nprefs.role", sealed, NOW), Reason.TAMPERED);
        }
    }

    @Test
    void aFlippedBitAnywhereDoesNotOpen() throws Exception {
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String sealed = a.seal(protection, BINDING, NOW / 1000 + 3600, "{\"role\":\"admin\"}");
            byte[] bytes = sealed.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] flipped = bytes.clone();
                    flipped[i] ^= (byte) (1 << bit);
                    String text = new String(flipped, StandardCharsets.ISO_8859_1);
                    int index = i;
                    int shift = bit;
                    assertThatThrownBy(() -> a.open(BINDING, text, NOW))
                            .as("%s, byte %d bit %d", protection, index, shift)
                            .isInstanceOfSatisfying(
                                    SealException.class,
                                    e -> assertThat(e.reason())
                                            .isIn(Reason.TAMPERED, Reason.NOT_SEALED, Reason.UNKNOWN_KEY));
                }
            }
        }
    }

    @Test
    void aSealedTextCutShortOrExtendedDoesNotOpen() throws Exception {
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String sealed = a.seal(protection, BINDING, 0, "\"admin\"");
            for (int end = 0; end < sealed.length(); end++) {
                String cut = sealed.substring(0, end);
                assertThatThrownBy(() -> a.open(BINDING, cut, NOW))
                        .isInstanceOfSatisfying(
                                SealException.class,
                                e -> assertThat(e.reason()).isIn(Reason.TAMPERED, Reason.NOT_SEALED));
            }
            assertThatThrownBy(() -> a.open(BINDING, sealed + "A", NOW))
                    .isInstanceOfSatisfying(
                            SealException.class, e -> assertThat(e.reason()).isIn(Reason.TAMPERED, Reason.NOT_SEALED));
        }
    }

    @Test
    void anotherSecretUnderTheSameIdIsTampered() throws Exception {
        KeyRing other = KeyRing.of(Map.of("A", secret('Z')), "A");
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String sealed = other.seal(protection, BINDING, 0, "1");
            assertReason(() -> a.open(BINDING, sealed, NOW), Reason.TAMPERED);
        }
    }

    @Test
    void rotation() throws Exception {
        KeyRing b = ring("B", "A", "B");
        for (Protection protection : new Protection[] {Protection.SIGNED, Protection.ENCRYPTED}) {
            String byA = a.seal(protection, BINDING, 0, "\"x\"");
            Opened opened = b.open(BINDING, byA, NOW);
            assertThat(opened.text()).isEqualTo("\"x\"");
            assertThat(opened.stale()).isTrue();

            String byB = b.seal(protection, BINDING, 0, "\"x\"");
            assertThat(byB).startsWith(protection == Protection.SIGNED ? "s.B." : "e.B.");
            assertThat(b.open(BINDING, byB, NOW).stale()).isFalse();

            KeyRing withoutA = ring("B", "B");
            assertReason(() -> withoutA.open(BINDING, byA, NOW), Reason.UNKNOWN_KEY);
            assertThat(withoutA.open(BINDING, byB, NOW).stale()).isFalse();
        }
        assertThat(b.sealingId()).isEqualTo("B");
    }

    @Test
    void randomRingsOpenOnlyTheirOwn() throws Exception {
        KeyRing one = KeyRing.random();
        KeyRing two = KeyRing.random();
        assertThat(one.sealingId()).matches("[A-Za-z0-9_-]{8}").isNotEqualTo(two.sealingId());
        String sealed = one.seal(Protection.ENCRYPTED, BINDING, 0, "1");
        assertThat(one.open(BINDING, sealed, NOW).text()).isEqualTo("1");
        assertReason(() -> two.open(BINDING, sealed, NOW), Reason.UNKNOWN_KEY);
        assertThat(ValueProtection.ephemeral()).isSameAs(ValueProtection.ephemeral());
    }

    @Test
    void idsAndSecretsAreCheckedWithoutShowingTheSecret() {
        byte[] shortSecret = "SUPERSECRETVALUE".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> KeyRing.of(Map.of("k1", shortSecret), "k1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k1'")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("SUPERSECRET");
        byte[] good = "0123456789abcdef0123456789abcdefSECRET".getBytes(StandardCharsets.US_ASCII);
        for (String id : List.of("", "123456789", "a.b", "ä", "a b")) {
            assertThatThrownBy(() -> KeyRing.of(Map.of(id, good), id))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 8 characters of A-Z a-z 0-9 _ -")
                    .hasMessageNotContaining("SECRET");
        }
        assertThatThrownBy(() -> KeyRing.of(Map.of("k1", good), "k2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'k2'")
                .hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> KeyRing.of(Map.of("k1", good, "k2", good), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name the one that seals");
        assertThatThrownBy(() -> KeyRing.of(Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyRing.of(Map.of("only", good), null).sealingId()).isEqualTo("only");
        assertThat(KeyRing.of(Map.of("A-z_09", good), "A-z_09").toString()).doesNotContain("SECRET");
    }

    @Test
    void theKeyRingKeepsNoCopyOfTheSecret() throws Exception {
        byte[] secret = secret('A');
        KeyRing ring = KeyRing.of(Map.of("A", secret), "A");
        Arrays.fill(secret, (byte) 0);
        assertThat(ring.open(BINDING, a.seal(Protection.SIGNED, BINDING, 0, "1"), NOW)
                        .text())
                .isEqualTo("1");
    }

    @Test
    void encryptedTextsAreCookieSafeAndSignedOnesAddOnlyCookieSafeCharacters() {
        String cookieSafe = "[A-Za-z0-9_.-]+";
        assertThat(a.seal(Protection.ENCRYPTED, BINDING, NOW / 1000, "{\"a\": \"; ,\\\" é\"}"))
                .matches(cookieSafe);
        assertThat(a.seal(Protection.SIGNED, BINDING, NOW / 1000, "abc%20def")).matches("[A-Za-z0-9_.%-]+");
    }

    @Test
    void theOverheadsStayWithinWhatTheDesignStates() {
        KeyRing longest = KeyRing.of(Map.of("ABCDEFGH", secret('x')), "ABCDEFGH");
        for (int n : new int[] {0, 1, 2, 3, 4, 100, 4000}) {
            String text = "x".repeat(n);
            for (long exp : new long[] {0, 1, NOW / 1000, KeyRing.MAX_EXPIRY_SECONDS, Long.MAX_VALUE}) {
                int signed = longest.seal(Protection.SIGNED, BINDING, exp, text).length();
                assertThat(signed - n).isLessThanOrEqualTo(67);
                assertThat((long) signed).isLessThanOrEqualTo(KeyRing.maxSealedBytes(Protection.SIGNED, n));
                int encrypted =
                        longest.seal(Protection.ENCRYPTED, BINDING, exp, text).length();
                long bound = 2 + 8 + 1 + 11 + 1 + (long) Math.ceil((12 + n + 16) * 4 / 3.0);
                assertThat((long) encrypted).isLessThanOrEqualTo(bound);
                assertThat(KeyRing.maxSealedBytes(Protection.ENCRYPTED, n)).isEqualTo(bound);
            }
            assertThat((long) longest.seal(Protection.SIGNED, BINDING, Long.MAX_VALUE, text)
                            .length())
                    .isEqualTo(KeyRing.maxSealedBytes(Protection.SIGNED, n));
            assertThat((long) longest.seal(Protection.ENCRYPTED, BINDING, Long.MAX_VALUE, text)
                            .length())
                    .isEqualTo(KeyRing.maxSealedBytes(Protection.ENCRYPTED, n));
        }
        assertThat(KeyRing.MAX_SIGNED_OVERHEAD).isEqualTo(67);
    }

    @Test
    void oneRingSealsAndOpensFromManyThreads() throws Exception {
        KeyRing ring = ring("B", "A", "B");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Set<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    Set<String> seen = new HashSet<>();
                    for (int i = 0; i < 500; i++) {
                        String text = "\"" + thread + "-" + i + "\"";
                        Protection protection = i % 2 == 0 ? Protection.SIGNED : Protection.ENCRYPTED;
                        String sealed = ring.seal(protection, BINDING, 0, text);
                        assertThat(ring.open(BINDING, sealed, NOW).text()).isEqualTo(text);
                        seen.add(sealed);
                    }
                    return seen;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<Set<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(2000);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertReason(ThrowingOpen open, Reason reason) {
        assertThatThrownBy(open::open).isInstanceOfSatisfying(SealException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).doesNotContain("admin");
        });
    }

    @FunctionalInterface
    private interface ThrowingOpen {
        Opened open() throws Exception;
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
