package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.AloneSharing;
import dev.browserstorage.store.StoreDescriptor;
import dev.browserstorage.store.StoreField;
import io.quarkus.runtime.LaunchMode;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the key ring comes from: configured keys first, then the secret the nodes share, then dev
 * mode's, then one drawn for the process, which production warns about once, only in an app with
 * protected fields.
 */
class StoreServicesTest {
    private static final byte[] SECRET = new byte[32];
    private static final AppStores PROTECTED = new AppStores(
            List.of(StoreDescriptor.of(
                    "com.acme.Prefs",
                    StorageArea.LOCAL,
                    "prefs",
                    StoreField.builder(0, StorageArea.LOCAL, "role", "prefs.role", Codecs.string())
                            .protection(Protection.SIGNED)
                            .build())),
            null);
    private static final AppStores UNPROTECTED = new AppStores(
            List.of(StoreDescriptor.of(
                    "com.acme.Prefs",
                    StorageArea.LOCAL,
                    "prefs",
                    StoreField.of(0, StorageArea.LOCAL, "theme", "prefs.theme", Codecs.string(), "light"))),
            null);

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(StoreServices.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void productionWithoutKeysDrawsOneAndWarnsOnceWhenTheAppHasProtectedFields() {
        var ring = StoreServices.ring(config(Map.of()), new AloneSharing(), PROTECTED, LaunchMode.NORMAL);
        assertThat(ring.sealingId()).matches("g[A-Za-z0-9_-]{7}");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage())
                .contains("values sealed now do not open after a restart or on another node")
                .contains("set quarkus.browser-storage.keys");

        var another = StoreServices.ring(config(Map.of()), new AloneSharing(), PROTECTED, LaunchMode.NORMAL);
        assertThat(another.sealingId()).as("a key of its own each time").isNotEqualTo(ring.sealingId());
    }

    @Test
    void noWarningWithoutProtectedFieldsNorInTestMode() {
        StoreServices.ring(config(Map.of()), new AloneSharing(), UNPROTECTED, LaunchMode.NORMAL);
        StoreServices.ring(config(Map.of()), new AloneSharing(), PROTECTED, LaunchMode.TEST);
        assertThat(warnings).isEmpty();
    }

    @Test
    void devModesKeyIsTheSameAcrossRestarts() {
        AppStores dev = new AppStores(PROTECTED.descriptors(), SECRET);
        var first = StoreServices.ring(config(Map.of()), new AloneSharing(), dev, LaunchMode.DEVELOPMENT);
        var reloaded = StoreServices.ring(config(Map.of()), new AloneSharing(), dev, LaunchMode.DEVELOPMENT);
        assertThat(reloaded.sealingId()).isEqualTo(first.sealingId()).isEqualTo(ProtectionKeys.generatedId(SECRET));
        assertThat(warnings).isEmpty();
    }

    @Test
    void theSharedSecretWinsOverDrawingOneAndConfiguredKeysWinOverIt() {
        AloneSharing shared = new AloneSharing() {
            @Override
            public Optional<byte[]> sharedSecret(String name) {
                return name.equals(StoreServices.SHARED_SECRET) ? Optional.of(SECRET) : Optional.empty();
            }
        };
        assertThat(StoreServices.ring(config(Map.of()), shared, PROTECTED, LaunchMode.NORMAL)
                        .sealingId())
                .isEqualTo(ProtectionKeys.generatedId(SECRET));
        assertThat(warnings).isEmpty();
        assertThat(StoreServices.ring(
                                config(Map.of("k1", Base64.getEncoder().encodeToString(new byte[40]))),
                                shared,
                                PROTECTED,
                                LaunchMode.NORMAL)
                        .sealingId())
                .isEqualTo("k1");
    }

    /** A configuration with these keys and no sealing key; nothing else is read. */
    private static BrowserStorageConfig config(Map<String, String> keys) {
        return (BrowserStorageConfig) Proxy.newProxyInstance(
                BrowserStorageConfig.class.getClassLoader(),
                new Class<?>[] {BrowserStorageConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "keys" -> keys;
                    case "sealingKey" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
