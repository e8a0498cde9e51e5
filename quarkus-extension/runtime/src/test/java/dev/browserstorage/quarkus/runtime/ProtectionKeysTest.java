package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The key ring from {@code quarkus.browser-storage.keys} and {@code sealing-key}: a configuration
 * out of the rules stops the start with a message naming the property, the id and the rule, never
 * the secret; a generated key has an id its secret settles.
 */
class ProtectionKeysTest {
    private static final String SECRET_A = Base64.getEncoder().encodeToString(bytes(32, 1));
    private static final String SECRET_B = Base64.getEncoder().encodeToString(bytes(48, 2));

    @Test
    void aKeyThatIsNotBase64IsRefusedNamingItsIdButNotItsText() {
        String secret = "this is no base64 at all!!";
        assertThatThrownBy(() -> ProtectionKeys.configured(Map.of("k1", secret), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.browser-storage.keys.\"k1\" is not base64")
                .hasMessageNotContaining(secret)
                .hasMessageNotContaining("this is");
    }

    @Test
    void aKeyShorterThan32BytesIsRefusedWithItsLengthButNotItsText() {
        String secret = Base64.getEncoder().encodeToString(bytes(16, 7));
        assertThatThrownBy(() -> ProtectionKeys.configured(Map.of("old", secret), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.browser-storage.keys.\"old\" is 16 bytes long")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining(secret);
    }

    @Test
    void anIdOutOfTheRulesIsRefused() {
        for (String id : new String[] {"toolongid", "a.b", "k 1", "é"}) {
            assertThatThrownBy(() -> ProtectionKeys.configured(Map.of(id, SECRET_A), Optional.empty()))
                    .as(id)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'" + id + "' is not 1 to 8 of letters, digits, '_' and '-'")
                    .hasMessageNotContaining(SECRET_A);
        }
    }

    @Test
    void aSealingKeyThatNamesNoConfiguredKeyIsRefused() {
        assertThatThrownBy(() -> ProtectionKeys.configured(Map.of("k1", SECRET_A), Optional.of("k2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.browser-storage.sealing-key is 'k2', which is not the id of a key in"
                        + " quarkus.browser-storage.keys (k1)")
                .hasMessageNotContaining(SECRET_A);
        assertThatThrownBy(() -> ProtectionKeys.configured(Map.of(), Optional.of("k2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.browser-storage.sealing-key is 'k2', but quarkus.browser-storage.keys"
                        + " has no keys");
    }

    @Test
    void twoKeysWithoutASealingKeyAreRefusedNamingBoth() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("k2", SECRET_B);
        keys.put("k1", SECRET_A);
        assertThatThrownBy(() -> ProtectionKeys.configured(keys, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quarkus.browser-storage.keys has 2 keys (k1, k2): set"
                        + " quarkus.browser-storage.sealing-key")
                .hasMessageNotContaining(SECRET_A)
                .hasMessageNotContaining(SECRET_B);
    }

    @Test
    void noKeysConfiguredIsNoRing() {
        assertThat(ProtectionKeys.configured(Map.of(), Optional.empty())).isEmpty();
    }

    @Test
    void theOnlyKeySealsAndTheSealingKeySealsAmongSeveral() {
        assertThat(ProtectionKeys.configured(Map.of("k1", SECRET_A), Optional.empty())
                        .orElseThrow()
                        .sealingId())
                .isEqualTo("k1");
        // base64url is taken as well as base64.
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32, 0xfb));
        KeyRing ring = ProtectionKeys.configured(Map.of("k1", SECRET_A, "k2", url), Optional.of("k2"))
                .orElseThrow();
        assertThat(ring.sealingId()).isEqualTo("k2");
    }

    @Test
    void aValueTheOldKeySealedOpensInARingWhereANewerKeySealsAndIsStale() throws Exception {
        KeyRing old = ProtectionKeys.configured(Map.of("k1", SECRET_A), Optional.empty())
                .orElseThrow();
        KeyRing rotated = ProtectionKeys.configured(Map.of("k1", SECRET_A, "k2", SECRET_B), Optional.of("k2"))
                .orElseThrow();
        String sealed = old.seal(Protection.ENCRYPTED, "local\nprefs.token", 0, "\"abc\"");
        assertThat(sealed).startsWith("e.k1.");
        KeyRing.Opened opened = rotated.open("local\nprefs.token", sealed, System.currentTimeMillis());
        assertThat(opened.text()).isEqualTo("\"abc\"");
        assertThat(opened.stale()).isTrue();
    }

    @Test
    void aGeneratedKeysIdIsSettledByItsSecretAndFollowsTheRules() throws Exception {
        byte[] secret = bytes(32, 3);
        String id = ProtectionKeys.generatedId(secret);
        assertThat(id).matches("g[A-Za-z0-9_-]{7}").isEqualTo(ProtectionKeys.generatedId(secret.clone()));
        assertThat(ProtectionKeys.generatedId(bytes(32, 4))).isNotEqualTo(id);
        assertThat(ProtectionKeys.generated(secret).sealingId()).isEqualTo(id);
        // Configured under its id, the generated key's secret opens what it sealed.
        String sealed = ProtectionKeys.generated(secret).seal(Protection.SIGNED, "local\nprefs.role", 0, "\"admin\"");
        KeyRing configured = ProtectionKeys.configured(
                        Map.of(id, Base64.getEncoder().encodeToString(secret), "new", SECRET_A), Optional.of("new"))
                .orElseThrow();
        assertThat(configured
                        .open("local\nprefs.role", sealed, System.currentTimeMillis())
                        .text())
                .isEqualTo("\"admin\"");
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }
}
