package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.BrowserBuilder;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.RejectedValue;
import dev.browserstorage.protect.ValueProtection;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import dev.browserstorage.store.StoreUpkeep;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What every copy of a browser needs for the app's stores: the key ring that seals and opens
 * {@code @Signed} and {@code @Encrypted} values, with each refused value fired as the CDI event
 * {@link RejectedValue} (asynchronously: observe it with {@code @ObservesAsync}), and the upkeep of
 * the app's stores when a browser connects (migrations of versioned stores, values sealed with an
 * older key sealed again).
 *
 * <p>The ring is the configured keys ({@code quarkus.browser-storage.keys}); without them, the
 * secret the app's nodes share (the Redis module); alone, the secret dev mode keeps across live
 * reloads, or one drawn for this process, with one warning in production when the app has
 * protected fields.
 *
 * <p><strong>Internal:</strong> a bean of the extension, not for applications.
 */
@Singleton
public class StoreServices {
    private static final Logger LOG = Logger.getLogger(StoreServices.class);
    /** The name under which the app's nodes share the protection key. */
    public static final String SHARED_SECRET = "protection-key";

    private final KeyRing keys;
    private final ValueProtection protection;
    private final StoreUpkeep upkeep;

    @Inject
    StoreServices(
            BrowserStorageConfig config, BrowserSharing sharing, AppStores stores, Event<RejectedValue> rejected) {
        this.keys = ring(config, sharing, stores, LaunchMode.current());
        this.protection = new ValueProtection(keys, value -> fire(rejected, value));
        this.upkeep = StoreUpkeep.of(stores.descriptors(), config.newerVersions());
    }

    /** The ring: configured, shared, dev mode's, or drawn for this process (with a warning in production). */
    static KeyRing ring(BrowserStorageConfig config, BrowserSharing sharing, AppStores stores, LaunchMode mode) {
        Optional<KeyRing> configured = ProtectionKeys.configured(config.keys(), config.sealingKey());
        if (configured.isPresent()) {
            return configured.get();
        }
        Optional<byte[]> shared = sharing.sharedSecret(SHARED_SECRET);
        if (shared.isPresent()) {
            byte[] secret = shared.get();
            LOG.logf(
                    stores.hasProtectedFields() ? Logger.Level.INFO : Logger.Level.DEBUG,
                    "Protected values are sealed with key %s, which the app's servers share through Redis; to"
                            + " configure keys later without losing the values it sealed, keep it in %s under that id",
                    ProtectionKeys.generatedId(secret),
                    ProtectionKeys.KEYS);
            return ProtectionKeys.generated(secret);
        }
        Optional<byte[]> dev = stores.devKey();
        if (dev.isPresent()) {
            return ProtectionKeys.generated(dev.get());
        }
        if (mode == LaunchMode.NORMAL && stores.hasProtectedFields()) {
            LOG.warn("browser-storage has no keys for @Signed and @Encrypted values and seals them with a random key"
                    + " of this process: values sealed now do not open after a restart or on another node; set "
                    + ProtectionKeys.KEYS + " (docs/protected.md)");
        }
        return ProtectionKeys.generated(ProtectionKeys.randomSecret());
    }

    /** Fires the event without waiting for its observers, and logs what an observer threw. */
    private static void fire(Event<RejectedValue> rejected, RejectedValue value) {
        rejected.fireAsync(value).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warnf(failure, "An observer of %s failed", RejectedValue.class.getSimpleName());
            }
        });
    }

    /**
     * Gives a copy the key ring and the event of refused values.
     *
     * @param builder the copy's builder
     * @return the builder
     */
    public BrowserBuilder protect(BrowserBuilder builder) {
        return builder.protection(protection);
    }

    /** @return the key ring */
    public KeyRing keys() {
        return keys;
    }

    /** @return the upkeep of the app's stores, to run each time a browser has sent what it holds */
    public StoreUpkeep upkeep() {
        return upkeep;
    }
}
