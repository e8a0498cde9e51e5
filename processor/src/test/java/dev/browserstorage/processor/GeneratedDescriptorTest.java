package dev.browserstorage.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.testing.compile.Compilation;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.store.StoreDescriptor;
import dev.browserstorage.store.StoreField;
import dev.browserstorage.store.StoredValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs what the processor generates for versioned and protected stores: the descriptor's version,
 * oldest version and migrations (called on values held in memory), and each field's protection.
 */
class GeneratedDescriptorTest {

    @Test
    void versionedLocalStoreRunsItsMigrationsOldestFirst() throws Exception {
        StoreDescriptor descriptor = descriptorOf("versionedLocal", "golden.versioned.PrefsStore");

        assertThat(descriptor.version()).isEqualTo(3);
        assertThat(descriptor.oldestVersion()).isEqualTo(1);
        assertThat(descriptor.migrations()).hasSize(2);

        // Values of version 1 go through both steps, in order.
        Values values = new Values(1);
        values.put("colour", "red");
        values.put("fontSize", "large");
        descriptor.migrations().get(0).migrate(values);
        assertThat(values.names()).containsExactlyInAnyOrder("color", "fontSize");
        assertThat(values.get("color").orElseThrow().asText()).isEqualTo("red");
        descriptor.migrations().get(1).migrate(values);
        assertThat(values.get("fontSize").orElseThrow().asInt()).isEqualTo(18);

        assertThat(protections(descriptor))
                .containsExactly(
                        Map.entry("color", Protection.NONE),
                        Map.entry("fontSize", Protection.NONE),
                        Map.entry("subscription", Protection.SIGNED));
    }

    @Test
    void versionedSessionStoreWithProtectedFieldsAndLifetimes() throws Exception {
        StoreDescriptor descriptor = descriptorOf("versionedSession", "golden.versioned.WizardStore");

        assertThat(descriptor.version()).isEqualTo(2);
        assertThat(descriptor.oldestVersion()).isEqualTo(1);
        assertThat(descriptor.versionKey()).isEqualTo("wizard");
        Values values = new Values(1);
        values.put("step", 0);
        descriptor.migrations().get(0).migrate(values);
        assertThat(values.get("step").orElseThrow().asInt()).isEqualTo(1);

        assertThat(protections(descriptor))
                .containsExactly(
                        Map.entry("step", Protection.NONE),
                        Map.entry("price", Protection.SIGNED),
                        Map.entry("token", Protection.ENCRYPTED),
                        Map.entry("quote", Protection.SIGNED));
        assertThat(descriptor.field("token").orElseThrow().expires()).isTrue();
    }

    @Test
    void unversionedStoresStayAtVersionOneWithoutMigrations() throws Exception {
        StoreDescriptor vault = descriptorOf("encryptedStore", "golden.secret.VaultStore");
        StoreDescriptor cookies = descriptorOf("protectedCookies", "golden.cookie.AuthCookiesStore");

        assertThat(vault.version()).isEqualTo(1);
        assertThat(vault.oldestVersion()).isEqualTo(1);
        assertThat(vault.migrations()).isEmpty();
        assertThat(protections(vault))
                .containsExactly(
                        Map.entry("apiToken", Protection.ENCRYPTED),
                        Map.entry("recoveryCodes", Protection.ENCRYPTED),
                        Map.entry("tier", Protection.SIGNED));
        assertThat(protections(cookies))
                .containsExactly(
                        Map.entry("lang", Protection.NONE),
                        Map.entry("role", Protection.SIGNED),
                        Map.entry("userId", Protection.ENCRYPTED));
    }

    private static StoreDescriptor descriptorOf(String golden, String store) throws Exception {
        Compilation compilation = Compilations.compile(GoldenFiles.inputs(golden));
        assertThat(compilation).succeeded();
        Class<?> type = Class.forName(store, true, Compilations.classesOf(compilation));
        return (StoreDescriptor) type.getField("DESCRIPTOR").get(null);
    }

    private static List<Map.Entry<String, Protection>> protections(StoreDescriptor descriptor) {
        List<Map.Entry<String, Protection>> protections = new ArrayList<>();
        for (StoreField<?> field : descriptor.fields()) {
            protections.add(Map.entry(field.name(), field.protection()));
        }
        return protections;
    }

    /** Values held in a map, as a migration sees them. */
    private static final class Values implements StoredValues {
        private final Map<String, JsonNode> values = new LinkedHashMap<>();
        private final int version;

        Values(int version) {
            this.version = version;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Set<String> names() {
            return values.keySet();
        }

        @Override
        public boolean has(String name) {
            return values.containsKey(name);
        }

        @Override
        public Optional<JsonNode> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void put(String name, Object value) {
            values.put(name, json(value));
        }

        @Override
        public void remove(String name) {
            values.remove(name);
        }

        @Override
        public void rename(String from, String to) {
            JsonNode value = values.remove(from);
            if (value != null) {
                values.put(to, value);
            }
        }

        @Override
        public void update(String name, Function<JsonNode, ?> change) {
            JsonNode old = values.get(name);
            if (old != null) {
                Object changed = change.apply(old);
                if (changed == null) {
                    values.remove(name);
                } else {
                    values.put(name, json(changed));
                }
            }
        }

        private static JsonNode json(Object value) {
            if (value instanceof JsonNode node) {
                return node;
            }
            if (value instanceof Integer number) {
                return IntNode.valueOf(number);
            }
            return JsonNodeFactory.instance.textNode(String.valueOf(value));
        }
    }
}
