package dev.browserstorage.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which bindings of a page name an {@code @Encrypted} field, each with its file and line. */
class EncryptedBindingsTest {
    private static final Map<String, String> ENCRYPTED = EncryptedBindingsProcessor.encryptedFields(List.of(
            new StoreIndex.Store(
                    "com.acme.Prefs",
                    "com.acme.PrefsStore",
                    "local",
                    List.of("prefs.theme", "prefs.token"),
                    "schema.json",
                    "prefs",
                    List.of("token")),
            new StoreIndex.Store(
                    "com.acme.Session",
                    "com.acme.SessionStore",
                    "cookie",
                    List.of("sid"),
                    "schema.json",
                    "",
                    List.of("sid"))));

    @Test
    void everyQuotingOfABindingOfAnEncryptedFieldIsFoundOnItsLine() {
        String page = "<html>\n<input data-storage=\"prefs.token\">\n"
                + "<input data-storage='prefs.token'>\n\n<input data-storage=prefs.token>\n"
                + "<input data-storage = \"session.sid\">\n";
        assertThat(EncryptedBindingsProcessor.bindings("META-INF/resources/index.html", page, ENCRYPTED))
                .containsExactly(
                        "META-INF/resources/index.html:2: data-storage=\"prefs.token\" binds @Encrypted field"
                                + " com.acme.Prefs.token, which page scripts cannot read: remove the binding or the"
                                + " @Encrypted",
                        "META-INF/resources/index.html:3: data-storage=\"prefs.token\" binds @Encrypted field"
                                + " com.acme.Prefs.token, which page scripts cannot read: remove the binding or the"
                                + " @Encrypted",
                        "META-INF/resources/index.html:5: data-storage=\"prefs.token\" binds @Encrypted field"
                                + " com.acme.Prefs.token, which page scripts cannot read: remove the binding or the"
                                + " @Encrypted",
                        "META-INF/resources/index.html:6: data-storage=\"session.sid\" binds @Encrypted field"
                                + " com.acme.Session.sid, which page scripts cannot read: remove the binding or the"
                                + " @Encrypted");
    }

    @Test
    void otherFieldsAndOtherAttributesAreLeftAlone() {
        String page = "<input data-storage=\"prefs.theme\">\n<input data-storage-x=\"prefs.token\">\n"
                + "<p>prefs.token</p>\n<input data-storage=\"prefs.tokens\">\n";
        assertThat(EncryptedBindingsProcessor.bindings("templates/a.html", page, ENCRYPTED))
                .isEmpty();
    }
}
