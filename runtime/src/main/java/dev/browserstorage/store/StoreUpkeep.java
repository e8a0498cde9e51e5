package dev.browserstorage.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.HydrationStep;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Tab;
import dev.browserstorage.browser.Write;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.ValueDecodingException;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.SealException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What the app's stores need done each time a browser (or tab) has sent what it holds, before code
 * waiting for the hydration reads it: versioned stores whose values are older migrated and written
 * back, values of a version this app no longer migrates (or, with {@link NewerVersionPolicy#RESET},
 * of a newer one) dropped, and protected values sealed with an older key sealed again with the
 * newest. Each store gets at most one batch per browser or tab, an ordinary pending batch: readers
 * see it at once, the browser applies it, its acknowledgement confirms it.
 *
 * <p>A migration step that throws leaves everything as it was: one warning, the store reads as its
 * defaults and refuses writes ({@link StoreVersionException}) in that browser until a deploy whose
 * migrations work; the browser keeps its values.
 */
public final class StoreUpkeep implements HydrationStep {
    private static final System.Logger LOG = System.getLogger(StoreUpkeep.class.getName());

    private final List<StoreDescriptor> stores;
    private final NewerVersionPolicy newerVersions;

    private StoreUpkeep(Collection<StoreDescriptor> stores, NewerVersionPolicy newerVersions) {
        this.stores = List.copyOf(stores);
        this.newerVersions = Objects.requireNonNull(newerVersions, "newerVersions");
    }

    /**
     * The upkeep of the app's stores.
     *
     * @param stores every store of the app (those with nothing to do are skipped)
     * @param newerVersions what to do with values a newer version wrote
     * @return the step, for {@link dev.browserstorage.browser.BrowserBuilder#afterHydrate}
     */
    public static StoreUpkeep of(Collection<StoreDescriptor> stores, NewerVersionPolicy newerVersions) {
        return new StoreUpkeep(stores, newerVersions);
    }

    /** localStorage and cookies, and the browser's own sessionStorage (a browser used without tabs). */
    @Override
    public void hydrated(Browser browser) {
        upkeep(browser, false);
    }

    /** The tab's sessionStorage. */
    @Override
    public void tabHydrated(Tab tab) {
        upkeep(tab, true);
    }

    /** Each store's upkeep, with one copy of an area's view for all its stores until one writes. */
    private void upkeep(StorageTarget target, boolean sessionOnly) {
        Map<StorageArea, SortedMap<String, String>> views = new EnumMap<>(StorageArea.class);
        for (StoreDescriptor store : stores) {
            if ((sessionOnly && store.area() != StorageArea.SESSION) || !needsUpkeep(store)) {
                continue;
            }
            SortedMap<String, String> view =
                    views.computeIfAbsent(store.area(), area -> target.link().view(area));
            if (upkeep(target, store, view)) {
                views.remove(store.area());
            }
        }
    }

    /** One store's upkeep in a browser or tab; true if it wrote. */
    private boolean upkeep(StorageTarget target, StoreDescriptor store, SortedMap<String, String> view) {
        List<Write> writes;
        try {
            writes = store.version() > 1 ? versioned(target, store, view) : resealed(target, store, view);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Upkeep of store " + store.typeName() + " in browser " + target.browserId() + " failed, nothing"
                            + " was written: " + e);
            return false;
        }
        if (writes.isEmpty()) {
            return false;
        }
        try {
            target.write(writes).exceptionally(e -> {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Browser " + target.browserId() + " did not store the upkeep of store " + store.typeName()
                                + ": " + e.getMessage());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not write the upkeep of store " + store.typeName() + " to browser " + target.browserId()
                            + ", nothing was written: " + e.getMessage());
        }
        return true;
    }

    private static boolean needsUpkeep(StoreDescriptor store) {
        if (store.version() > 1) {
            return true;
        }
        for (StoreField<?> field : store.fields()) {
            if (field.protection() != Protection.NONE) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- versions

    private List<Write> versioned(StorageTarget target, StoreDescriptor store, SortedMap<String, String> view) {
        StoreVersions versions = new StoreVersions(target.appId(), store);
        int stored = versions.stored(view);
        if (versions.isCurrent(stored)) {
            return resealed(target, store, view);
        }
        String what = "Store " + store.typeName() + " in browser " + target.browserId() + " holds values of "
                + StoreVersions.describe(stored);
        if (stored > store.version()) {
            if (newerVersions == NewerVersionPolicy.KEEP) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        what + ", newer than the app's " + store.version() + ": kept untouched; the store reads"
                                + " as its defaults and refuses writes in this browser");
                return List.of();
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    what + ", newer than the app's " + store.version() + ": removed (newer-versions=reset)");
            return dropped(versions, store, view);
        }
        if (stored < store.oldestVersion()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    what + ", older than the oldest the app migrates (" + store.oldestVersion() + "): removed");
            return dropped(versions, store, view);
        }
        return migrated(target, store, versions, stored, view);
    }

    /** Every key of the store removed, the marker set to the current version. */
    private static List<Write> dropped(StoreVersions versions, StoreDescriptor store, SortedMap<String, String> view) {
        List<Write> writes = new ArrayList<>();
        String prefix = versions.markerKey() + ".";
        for (String key : view.keySet()) {
            if (key.startsWith(prefix)) {
                writes.add(Write.remove(store.area(), key));
            }
        }
        writes.add(Write.set(store.area(), versions.markerKey(), StoreVersions.text(store.version())));
        return writes;
    }

    /** What one stored text was, as the migration read it. */
    private record Read(JsonNode value, long expiresAtMillis, Protection sealed, boolean stale) {}

    private List<Write> migrated(
            StorageTarget target,
            StoreDescriptor store,
            StoreVersions versions,
            int stored,
            SortedMap<String, String> view) {
        String prefix = versions.markerKey() + ".";
        long now = target.clock().millis();
        MigratingValues values = new MigratingValues(stored);
        Map<String, Read> read = new HashMap<>();
        List<Write> writes = new ArrayList<>();
        for (Map.Entry<String, String> entry : view.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                continue;
            }
            String name = entry.getKey().substring(prefix.length());
            Read one = read(target, store, name, entry.getValue(), now);
            if (one == null) {
                continue; // unreadable: left out, and left as it is
            }
            if (one.expiresAtMillis() <= now) {
                writes.add(Write.remove(store.area(), entry.getKey())); // expired: dropped
                continue;
            }
            read.put(name, one);
            values.load(name, one.value(), one.expiresAtMillis());
        }
        List<StoreMigration> steps = store.migrations();
        for (int version = stored; version < store.version(); version++) {
            StoreMigration step = steps.get(version - store.oldestVersion());
            try {
                step.migrate(values);
            } catch (Exception e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Migration of store " + store.typeName() + " from version " + version + " to " + (version + 1)
                                + " failed in browser " + target.browserId() + ": "
                                + e.getClass().getName() + ": "
                                + e.getMessage() + "; its values are kept as they are, it reads as its defaults"
                                + " and refuses writes in this browser");
                return List.of();
            }
            values.stepDone();
        }
        Map<String, MigratingValues.Entry> result = values.entries();
        for (String name : read.keySet()) {
            if (!result.containsKey(name)) {
                writes.add(Write.remove(store.area(), prefix + name));
            }
        }
        for (Map.Entry<String, MigratingValues.Entry> entry : result.entrySet()) {
            String name = entry.getKey();
            MigratingValues.Entry value = entry.getValue();
            StoreField<?> field = fieldOf(store, name);
            Read before = read.get(name);
            Protection wanted = field == null ? Protection.NONE : field.protection();
            boolean changed = before == null
                    || !before.value().equals(value.value())
                    || before.expiresAtMillis() != value.expiresAtMillis()
                    || (field != null
                            && (before.sealed() != wanted
                                    || before.stale()
                                    || field.expires() != (before.expiresAtMillis() != Long.MAX_VALUE)));
            if (changed) {
                writes.add(Write.set(store.area(), prefix + name, text(target, store, name, field, value, now)));
            }
        }
        writes.add(Write.set(store.area(), versions.markerKey(), StoreVersions.text(store.version())));
        return writes;
    }

    /** A stored text as JSON with its expiry, opened if sealed; {@code null} if it cannot be read. */
    private static Read read(StorageTarget target, StoreDescriptor store, String name, String text, long now) {
        if (Snapshot.OVER_LIMIT.equals(text)) {
            return null;
        }
        Protection sealed = Protection.NONE;
        boolean stale = false;
        String plain = text;
        if (isSealed(text)) {
            KeyRing.Opened opened = open(target.protection().keys(), binding(store, name), text, now);
            if (opened == null) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Stored value of store " + store.typeName() + " under '" + name + "' does not open:"
                                + " left out of its migration and kept as it is");
                return null;
            }
            plain = opened.text();
            sealed = opened.protection();
            stale = opened.stale();
        }
        JsonNode json;
        try {
            json = MigratingValues.JSON.decode(plain);
        } catch (ValueDecodingException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Stored value of store " + store.typeName() + " under '" + name + "' is not JSON: left out"
                            + " of its migration and kept as it is");
            return null;
        }
        if (json == null) {
            return null;
        }
        if (isEnvelope(json)) {
            return new Read(json.get("value"), json.get("expires").asLong(), sealed, stale);
        }
        return new Read(json, Long.MAX_VALUE, sealed, stale);
    }

    /** An expiry envelope: exactly an integer {@code expires} and a {@code value}. */
    private static boolean isEnvelope(JsonNode json) {
        return json.isObject()
                && json.size() == 2
                && json.has("value")
                && json.path("expires").isIntegralNumber();
    }

    /**
     * The text a migrated value is stored as: in an envelope where it expires (a current field
     * with a declared lifetime gets one, with its expiry or else the field's ttl from now; a
     * current field without one is stored plain, as its readers read it), sealed per the current
     * field.
     */
    private static String text(
            StorageTarget target,
            StoreDescriptor store,
            String name,
            StoreField<?> field,
            MigratingValues.Entry value,
            long now) {
        long expiresAt = value.expiresAtMillis();
        // A current field's readers take an envelope exactly where it declares a lifetime.
        boolean envelope = field != null ? field.expires() : expiresAt != Long.MAX_VALUE;
        if (!envelope) {
            expiresAt = Long.MAX_VALUE;
        } else if (expiresAt == Long.MAX_VALUE && field != null && field.ttl().isPresent()) {
            expiresAt = now + field.ttl().get().toMillis();
        }
        String text = envelope
                ? Expiring.encode(MigratingValues.JSON, value.value(), expiresAt)
                : MigratingValues.JSON.encode(value.value());
        if (field == null || field.protection() == Protection.NONE) {
            return text;
        }
        long expiresAtSeconds = expiresAt == Long.MAX_VALUE ? 0 : StoredText.sealedExpiry(expiresAt);
        return target.protection().keys().seal(field.protection(), binding(store, name), expiresAtSeconds, text);
    }

    /** The current field stored under a name, or {@code null}. */
    private static StoreField<?> fieldOf(StoreDescriptor store, String name) {
        String key = store.namespace() + "." + name;
        for (StoreField<?> field : store.fields()) {
            if (field.key().equals(key)) {
                return field;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- re-sealing

    /**
     * The protected fields whose value an older key sealed, or that was sealed under the field's
     * former protection, sealed again with the newest key and the field's protection.
     */
    private static List<Write> resealed(StorageTarget target, StoreDescriptor store, SortedMap<String, String> view) {
        List<Write> writes = new ArrayList<>();
        long now = target.clock().millis();
        for (StoreField<?> field : store.fields()) {
            if (field.protection() == Protection.NONE) {
                continue;
            }
            String key = field.area() == StorageArea.COOKIE ? field.key() : target.storageKey(field.key());
            String text = view.get(key);
            if (text == null || !isSealed(text)) {
                continue;
            }
            String binding = field.sealBinding();
            KeyRing keys = target.protection().keys();
            KeyRing.Opened opened = open(keys, binding, text, now);
            if (opened == null) { // one that does not open: its readers report it
                continue;
            }
            // Sealed by an older key, or under the field's former protection (a @Signed field made
            // @Encrypted must not stay readable to the page): sealed again, the field's way.
            if (!opened.stale() && opened.protection() == field.protection()) {
                continue;
            }
            String sealed = keys.seal(field.protection(), binding, opened.expiresAtSeconds(), opened.text());
            writes.add(
                    field.area() == StorageArea.COOKIE
                            ? Write.setCookie(key, sealed, field.cookieOptions().orElseThrow())
                            : Write.set(field.area(), key, sealed));
        }
        return writes;
    }

    /** A sealed text opened, or {@code null} if it does not open ({@link SealException}). */
    private static KeyRing.Opened open(KeyRing keys, String binding, String text, long now) {
        try {
            return keys.open(binding, text, now);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // SealException, the only checked one
            return null;
        }
    }

    /** Whether a stored text is in a sealed form (no JSON text and no cookie form of ours starts so). */
    private static boolean isSealed(String text) {
        return text.startsWith("s.") || text.startsWith("e.");
    }

    /** What a value of the store under a name is bound to: the area's wire name and the key inside the app. */
    private static String binding(StoreDescriptor store, String name) {
        return StoredText.binding(store.area(), store.namespace() + "." + name);
    }
}
