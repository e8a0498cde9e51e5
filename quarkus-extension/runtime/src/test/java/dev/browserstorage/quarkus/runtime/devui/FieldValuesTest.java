package dev.browserstorage.quarkus.runtime.devui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.ValueProtection;
import dev.browserstorage.store.StoreField;
import org.junit.jupiter.api.Test;

/** The Dev UI shows a protected field as the server reads it: opened, or refused with the reason. */
class FieldValuesTest {
    private static final KeyRing KEYS = KeyRing.random();
    private static final ValueProtection PROTECTION = new ValueProtection(KEYS, rejected -> {});

    private static StoreField<String> field(Protection protection) {
        return StoreField.builder(0, StorageArea.LOCAL, "plan", "account.plan", Codecs.string())
                .defaultValue("free")
                .protection(protection)
                .build();
    }

    @Test
    void aSignedValueIsShownOpened() {
        StoreField<String> plan = field(Protection.SIGNED);
        String sealed = KEYS.seal(Protection.SIGNED, plan.sealBinding(), 0, "\"pro\"");

        BrowserView.FieldValue shown = FieldValues.read(plan, sealed, 0, PROTECTION);

        assertThat(shown.json()).isEqualTo("\"pro\"");
        assertThat(shown.problem()).isNull();
        assertThat(shown.stored()).isEqualTo(sealed);
    }

    @Test
    void anEncryptedValueIsShownOpened() {
        StoreField<String> plan = field(Protection.ENCRYPTED);
        String sealed = KEYS.seal(Protection.ENCRYPTED, plan.sealBinding(), 0, "\"team\"");

        assertThat(FieldValues.read(plan, sealed, 0, PROTECTION).json()).isEqualTo("\"team\"");
    }

    @Test
    void anEditedValueIsShownAsTheDefaultWithTheReason() {
        StoreField<String> plan = field(Protection.SIGNED);
        String sealed = KEYS.seal(Protection.SIGNED, plan.sealBinding(), 0, "\"pro\"");
        String edited = sealed.substring(0, sealed.length() - "\"pro\"".length()) + "\"team\"";

        BrowserView.FieldValue shown = FieldValues.read(plan, edited, 0, PROTECTION);

        assertThat(shown.json()).isEqualTo("\"free\"");
        assertThat(shown.problem()).contains("signed", "TAMPERED", "default");
        assertThat(FieldValues.read(plan, "\"team\"", 0, PROTECTION).problem()).contains("NOT_SEALED");
    }
}
