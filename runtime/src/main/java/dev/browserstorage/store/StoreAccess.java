package dev.browserstorage.store;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.DecodedValues;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.StoredValue;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.store.StoredText.Decoded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * What a generated store does with one browser (or tab): typed reads with defaults, lifetimes and
 * tamper-proof decoding, typed writes with their limits, batches of changed fields, typed
 * listeners. Generated stores delegate every method to one of these; it is not meant to be used
 * directly.
 *
 * <p>A read of a field whose values are immutable and never expire costs a version check and an
 * array load while the browser's view is unchanged: the decoded value is kept per store and browser
 * (or tab), and dropped by any change of the view ({@link DecodedValues}). Other reads cost one map
 * lookup while the stored text is unchanged: the decoded value is memoised on the text (for types
 * whose values are immutable; mutable ones are decoded afresh for each reader). A stored text that does not decode, because it
 * was edited by hand or by an older version, reads as the default and logs one warning; the next
 * write of the field replaces it.
 *
 * <p>A versioned store ({@link StoreDescriptor#version()} above 1) reads every field as its default,
 * and refuses writes with {@link StoreVersionException} (a failed stage, nothing written), while the
 * browser holds its values at another version than the app's ({@link StoreUpkeep} migrates older
 * ones at hydration); its first write to an empty store also sets the version marker. Writes before
 * the browser's snapshot fail with {@link NotHydratedException}: the stored version is not known yet.
 * Version 1 stores never read or write a marker.
 */
public final class StoreAccess {
    private static final System.Logger LOG = System.getLogger(StoreAccess.class.getName());

    private final BrowserSource browsers;
    private final StoreDescriptor descriptor;
    private final String[] browserKeys;
    private final Field<?>[] handles;
    /**
     * By ordinal, the fields whose decoded value is kept per browser view ({@link DecodedValues}):
     * immutable values without a lifetime (none sealed into them either); {@code null} for the others.
     */
    private final StoreField<?>[] keptFields;
    /** Protected cookies refused inside HTTP requests, which carry no memo: each is reported once. */
    private final StoredText.RefusedTexts refusedHttpTexts = new StoredText.RefusedTexts();
    /** The version guard of a versioned store; {@code null} for version 1 stores, which have none. */
    private final StoreVersions versions;
    /** How many values this store keeps per view: one per field, and the version's for a versioned store. */
    private final int slots;

    /**
     * Binds a store to its browsers: one fixed browser, or the current request's.
     *
     * @param browsers where each call finds its browser
     * @param descriptor the store
     */
    public StoreAccess(BrowserSource browsers, StoreDescriptor descriptor) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.browserKeys = new String[descriptor.fields().size()];
        String prefix = browsers.appId() + ":";
        for (StoreField<?> field : descriptor.fields()) {
            browserKeys[field.ordinal()] = field.area() == StorageArea.COOKIE ? field.key() : prefix + field.key();
        }
        this.handles = new Field<?>[browserKeys.length];
        this.keptFields = new StoreField<?>[browserKeys.length];
        for (StoreField<?> field : descriptor.fields()) {
            handles[field.ordinal()] = new Field<>(this, field);
            if (field.codec().producesImmutableValues() && !field.expires() && !StoredText.sealsExpiry(field)) {
                keptFields[field.ordinal()] = field;
            }
        }
        this.versions = descriptor.version() > 1 ? new StoreVersions(browsers.appId(), descriptor) : null;
        this.slots = keptFields.length + (versions == null ? 0 : 1);
    }

    /** Whether reads of a versioned store see its current version in a hydrated view (always true for version 1). */
    private boolean readsCurrent(StorageTarget target) {
        return versions == null || versions.readsCurrent(target, this, slots);
    }

    /** @return the current call's browser, or its tab for a sessionStorage store */
    public StorageTarget browser() {
        return descriptor.area() == StorageArea.SESSION ? browsers.currentTab() : browsers.current();
    }

    /**
     * The handle of one of the store's fields, bound to this store's browsers.
     *
     * @param field one of the store's fields
     * @param <T> its type
     * @return the handle (the same instance on every call)
     * @throws IllegalArgumentException if the field is not one of this store's
     */
    @SuppressWarnings("unchecked")
    public <T> Field<T> field(StoreField<T> field) {
        return (Field<T>) handles[checkOwn(field).ordinal()];
    }

    private <T> StoreField<T> checkOwn(StoreField<T> field) {
        if (descriptor.fields().size() <= field.ordinal() || descriptor.fields().get(field.ordinal()) != field) {
            throw new IllegalArgumentException(
                    "Field " + field.name() + " is not one of " + descriptor.typeName() + "'s");
        }
        return field;
    }

    /** @return the store's descriptor */
    public StoreDescriptor descriptor() {
        return descriptor;
    }

    /**
     * The key under which the browser keeps a field.
     *
     * @param field the field
     * @return the browser's key (with the app's prefix) or the cookie name
     */
    public String browserKey(StoreField<?> field) {
        return browserKeys[field.ordinal()];
    }

    // ---------------------------------------------------------------- reads

    /**
     * A field's value: the stored one, or the default if it is absent, expired or unreadable.
     *
     * @param field the field
     * @param <T> its type
     * @return the value
     * @throws dev.browserstorage.NotHydratedException before the browser has sent what it holds
     */
    public <T> T get(StoreField<T> field) {
        Optional<HttpCookies> http = http(field);
        if (http.isPresent()) {
            return http.get()
                    .cookie(browserKey(field))
                    .map(text -> httpDecode(field, text))
                    .filter(decoded -> !httpExpired(decoded))
                    .map(decoded -> StoreAccess.<T>cast(decoded.value()))
                    .orElse(field.defaultValue());
        }
        StorageTarget target = browser();
        int ordinal = field.ordinal();
        boolean kept = ordinal < keptFields.length && keptFields[ordinal] == field;
        if (versions != null) {
            // One lookup of the view's decoded values serves the version's guard and the kept value.
            DecodedValues values = target.link().decodedValues(this, slots);
            if (!versions.readsCurrent(target, values, slots)) {
                return field.defaultValue();
            }
            if (kept) {
                return keptValue(target, field, values);
            }
        } else if (kept) {
            return keptValue(target, field, target.link().decodedValues(this, slots));
        }
        return typedValue(target, field, target.read(field.area(), browserKey(field)));
    }

    /**
     * A field's value as {@link #get} reads it, from what this store decoded of the browser's view
     * as it is now, else decoded and kept there: for {@link #keptFields} only, whose values no reader
     * can change and which never expire. The view's version is taken before the view is read.
     */
    private <T> T keptValue(StorageTarget target, StoreField<T> field) {
        return keptValue(target, field, target.link().decodedValues(this, slots));
    }

    /** {@link #keptValue(StorageTarget, StoreField)} from the view's decoded values already at hand. */
    private <T> T keptValue(StorageTarget target, StoreField<T> field, DecodedValues values) {
        Object kept = values.get(field.ordinal());
        if (kept != DecodedValues.absent()) {
            return cast(kept);
        }
        T value = typedValue(target, field, target.read(field.area(), browserKey(field)));
        values.put(field.ordinal(), value);
        return value;
    }

    /** The typed value of what a reader of a field sees: decoded once per stored text. */
    private <T> T typedValue(StorageTarget target, StoreField<T> field, StoredValue stored) {
        if (stored == null) {
            return field.defaultValue();
        }
        Object memo = stored.memo();
        if (memo instanceof Decoded decoded && decoded.field() == field) {
            if (!decoded.expiredAt(target.clock().millis())) {
                // Mutable values (POJO classes) are decoded afresh, so no caller can change another's copy.
                return field.codec().producesImmutableValues() || !decoded.valid()
                        ? cast(decoded.value())
                        : cast(decode(target, field, stored.text(), false).value());
            }
            dropExpired(target, field, stored);
            return field.defaultValue();
        }
        Decoded decoded = memoised(target, field, stored);
        if (decoded.expiredAt(target.clock().millis())) {
            dropExpired(target, field, stored);
            return field.defaultValue();
        }
        return cast(decoded.value());
    }

    private Decoded decode(StorageTarget target, StoreField<?> field, String text, boolean report) {
        return StoredText.decode(
                field,
                descriptor.typeName(),
                browserKey(field),
                text,
                target.limits().maxValueBytes(),
                target.protection(),
                target.clock().millis(),
                report);
    }

    /**
     * The decoded form of a stored value, memoised on it. A protected field's is made under the
     * value's monitor, so that a refused text is reported once however many readers race to it.
     */
    private Decoded memoised(StorageTarget target, StoreField<?> field, StoredValue stored) {
        if (field.protection() == Protection.NONE) {
            Decoded decoded = decode(target, field, stored.text(), true);
            stored.memo(decoded);
            return decoded;
        }
        synchronized (stored) {
            if (stored.memo() instanceof Decoded decoded && decoded.field() == field) {
                return decoded;
            }
            Decoded decoded = decode(target, field, stored.text(), true);
            stored.memo(decoded);
            return decoded;
        }
    }

    /** A protected field's memoised decoding of a text, if it is what the browser holds now; else null. */
    private Decoded memoisedIfCurrent(StorageTarget target, StoreField<?> field, String text) {
        if (field.protection() == Protection.NONE || !target.isHydrated()) {
            return null;
        }
        StoredValue stored = target.read(field.area(), browserKey(field));
        return stored != null && stored.text().equals(text) ? memoised(target, field, stored) : null;
    }

    /**
     * A cookie's value inside an HTTP request, which keeps no memo: a protected cookie refused is
     * reported on the first read of its text only.
     */
    private Decoded httpDecode(StoreField<?> field, String text) {
        if (field.protection() == Protection.NONE) {
            // Nothing to open: neither the keys nor the clock are needed.
            return StoredText.decode(
                    field, descriptor.typeName(), browserKey(field), text, Long.MAX_VALUE, null, 0, false);
        }
        boolean report = !refusedHttpTexts.contains(field, text);
        Decoded decoded = StoredText.decode(
                field,
                descriptor.typeName(),
                browserKey(field),
                text,
                Long.MAX_VALUE,
                browsers.protection(),
                browsers.clock().millis(),
                report);
        if (report && !decoded.valid()) {
            refusedHttpTexts.add(field, text);
        }
        return decoded;
    }

    /** Whether a cookie read inside an HTTP request is past its sealed expiry (only protected ones have one). */
    private boolean httpExpired(Decoded decoded) {
        return decoded.expiresAtMillis() != Long.MAX_VALUE
                && decoded.expiredAt(browsers.clock().millis());
    }

    /**
     * Whether the browser holds a live value for a field (not absent, not expired).
     *
     * @param field the field
     * @return true if a value is stored
     * @throws dev.browserstorage.NotHydratedException before the browser has sent what it holds
     */
    public boolean isSet(StoreField<?> field) {
        Optional<HttpCookies> http = http(field);
        if (http.isPresent()) {
            if (field.protection() == Protection.NONE) {
                return http.get().cookie(browserKey(field)).isPresent();
            }
            return http.get()
                    .cookie(browserKey(field))
                    .map(text -> httpDecode(field, text))
                    .filter(decoded -> decoded.valid() && !httpExpired(decoded))
                    .isPresent();
        }
        StorageTarget target = browser();
        if (versions != null && !readsCurrent(target)) {
            return false;
        }
        StoredValue stored = target.read(field.area(), browserKey(field));
        if (stored == null) {
            return false;
        }
        if (field.protection() != Protection.NONE) {
            // A protected value that does not open is no value: as for get, once per stored text.
            Decoded decoded = stored.memo() instanceof Decoded memo && memo.field() == field
                    ? memo
                    : memoised(target, field, stored);
            return decoded.valid() && !decoded.expiredAt(target.clock().millis());
        }
        if (!field.expires()) {
            return true;
        }
        Decoded decoded = decode(target, field, stored.text(), true);
        return decoded.valid() && target.clock().millis() < decoded.expiresAtMillis();
    }

    // ---------------------------------------------------------------- reads that never wait (templates)

    /**
     * Whether this call's reads answer from the browser: true for cookie fields inside an HTTP
     * request (the request carries the browser's cookies), and once the browser has sent what it
     * holds otherwise. False, without throwing, before that, when a sessionStorage store's call
     * names no tab, and when the call has no browser at all.
     *
     * @return true if {@link #get} answers for every field
     */
    public boolean known() {
        if (descriptor.area() == StorageArea.COOKIE && browsers.httpCookies().isPresent()) {
            return true;
        }
        StorageTarget target = browserIfAny();
        return target != null && target.isHydrated();
    }

    /**
     * Whether the server knows a field's value: as {@link #known()}, and also before the browser's
     * snapshot for a field this server has written and the browser has not confirmed yet.
     *
     * @param field the field
     * @return true if {@link #getOrDefault} answers with what the browser holds or will hold
     */
    public boolean known(StoreField<?> field) {
        if (http(field).isPresent()) {
            return true;
        }
        StorageTarget target = browserIfAny();
        return target != null && target.knows(field.area(), browserKey(field));
    }

    /**
     * A field's value if the server knows it, else its default; never throws for want of the
     * browser's state. Known are: cookies inside an HTTP request (with the request's own cookie
     * writes), everything once the browser has sent what it holds (with this server's pending
     * writes over it, as {@link #get} reads), and before that the fields this server has written and
     * the browser has not confirmed yet (so a page rendered after a write shows the written value).
     * Not known: other fields before the browser's snapshot, sessionStorage fields of a call that
     * names no tab, and every field of a call without a browser.
     *
     * @param field the field
     * @param <T> its type
     * @return the value, or the field's default if the server does not know it
     */
    public <T> T getOrDefault(StoreField<T> field) {
        if (http(checkOwn(field)).isPresent()) {
            return get(field);
        }
        StorageTarget target = browserIfAny();
        if (versions != null && (target == null || !target.isHydrated() || !readsCurrent(target))) {
            // Before the snapshot the stored version is unknown, and writes wait for it: nothing is known.
            return field.defaultValue();
        }
        if (target != null && target.isHydrated() && keptFields[field.ordinal()] == field) {
            return keptValue(target, field);
        }
        if (target == null || !target.knows(field.area(), browserKey(field))) {
            return field.defaultValue();
        }
        return typedValue(target, field, target.readKnown(field.area(), browserKey(field)));
    }

    /** The browser or tab of this call, or {@code null} where {@link #browser()} would throw: no tab, no browser. */
    private StorageTarget browserIfAny() {
        try {
            return browser();
        } catch (NotHydratedException | IllegalStateException e) {
            return null;
        }
    }

    private void dropExpired(StorageTarget target, StoreField<?> field, StoredValue stored) {
        // Only if nobody replaced the value since it was read; the write is best effort, since the
        // browser's glue drops expired values on its own as well. Before the browser's snapshot the
        // value is a write of ours still on its way, which the glue drops when it expires.
        if (!target.isHydrated() || target.read(field.area(), browserKey(field)) != stored) {
            return;
        }
        try {
            target.write(List.of(removal(field))).exceptionally(e -> null);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "Could not drop expired key '" + browserKey(field) + "': " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * Sets a field; {@code null} removes it. A field with a declared lifetime gets it.
     *
     * @param field the field
     * @param value the value, or {@code null}
     * @param <T> its type
     * @return completes when the browser has stored it
     * @throws dev.browserstorage.QuotaExceededException if the value would pass a limit; nothing is sent
     * @throws dev.browserstorage.cookie.InvalidCookieException if the browser would refuse the cookie, or its
     *     name is reserved for the framework's own cookie
     */
    public <T> CompletionStage<Void> set(StoreField<T> field, T value) {
        return submit(List.of(write(field, value, field.ttl().orElse(null))));
    }

    /**
     * Sets a field with a lifetime of its own.
     *
     * @param field a localStorage or sessionStorage field with a declared lifetime
     * @param value the value, or {@code null} to remove it
     * @param ttl how long the value lives, positive
     * @param <T> its type
     * @return completes when the browser has stored it
     */
    public <T> CompletionStage<Void> set(StoreField<T> field, T value, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (field.area() == StorageArea.COOKIE) {
            throw new IllegalArgumentException("Cookie " + field.key() + " has a maxAge, not a ttl");
        }
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        if (!field.expires()) {
            // Its readers take the stored text as a plain value: an expiry envelope would not decode.
            throw new IllegalArgumentException("Field " + field.name() + " of " + descriptor.typeName()
                    + " has no declared lifetime: declare one with @Ttl to give it one per write");
        }
        return submit(List.of(write(field, value, ttl)));
    }

    /**
     * Removes a field: it reads as its default afterwards.
     *
     * @param field the field
     * @return completes when the browser has removed it
     */
    public CompletionStage<Void> remove(StoreField<?> field) {
        return submit(List.of(removal(field)));
    }

    /**
     * Removes every field of the store that is set, in one batch.
     *
     * @return completes when the browser has removed them
     */
    public CompletionStage<Void> clear() {
        List<Write> writes = new ArrayList<>();
        for (StoreField<?> field : descriptor.fields()) {
            if (currentText(field) != null) {
                writes.add(removal(field));
            }
        }
        return submit(writes);
    }

    /**
     * Starts a batch that sends only the fields whose value differs from what a reader sees now.
     *
     * @return the batch
     */
    public FieldBatch batch() {
        return new FieldBatch(this);
    }

    <T> Write write(StoreField<T> field, T value, Duration ttl) {
        if (value == null) {
            return removal(field);
        }
        StorageTarget target = browser();
        String text = StoredText.encode(field, value, ttl, target.clock().millis(), target.protection());
        if (field.area() == StorageArea.COOKIE) {
            return Write.setCookie(
                    browserKey(field), text, field.cookieOptions().orElseThrow());
        }
        return Write.set(field.area(), browserKey(field), text);
    }

    Write removal(StoreField<?> field) {
        if (field.area() == StorageArea.COOKIE) {
            CookieOptions options = field.cookieOptions().orElseThrow();
            return Write.deleteCookie(browserKey(field), options);
        }
        return Write.remove(field.area(), browserKey(field));
    }

    /**
     * Cookie writes made inside an HTTP exchange become {@code Set-Cookie} headers on its response,
     * all or none, else a batch over the socket ({@link StorageTarget#writeCookies}, which applies the
     * one cookie write policy); everything else goes through the browser as a batch.
     */
    private CompletionStage<Void> submit(List<Write> writes) {
        if (writes.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (versions != null) {
            return versions.submit(browser(), writes);
        }
        return descriptor.area() == StorageArea.COOKIE
                ? browser().writeCookies(browsers.httpCookies(), writes)
                : browser().write(writes);
    }

    private Optional<HttpCookies> http(StoreField<?> field) {
        return field.area() == StorageArea.COOKIE ? browsers.httpCookies() : Optional.empty();
    }

    /** Sends writes as one batch: {@link #submit}, for {@link FieldBatch}. */
    CompletionStage<Void> send(List<Write> writes) {
        return submit(writes);
    }

    /** The stored text a reader sees now: from the HTTP exchange for cookies inside one, else the browser. */
    String currentText(StoreField<?> field) {
        Optional<HttpCookies> http = http(field);
        if (http.isPresent()) {
            return http.get().cookie(browserKey(field)).orElse(null);
        }
        StoredValue stored = browser().read(field.area(), browserKey(field));
        return stored == null ? null : stored.text();
    }

    // ---------------------------------------------------------------- listeners

    /**
     * Listens to one field's typed changes.
     *
     * @param field the field
     * @param listener receives the old and new value (defaults where absent)
     * @param <T> its type
     * @return the registration
     */
    public <T> Registration onChange(StoreField<T> field, Consumer<? super ValueChange<T>> listener) {
        Objects.requireNonNull(listener, "listener");
        if (versions != null) {
            return versions.onChange(browser(), field, browserKey(field), listener);
        }
        return browser().addListener(field.area(), browserKey(field), change -> {
            StorageTarget target = browser();
            listener.accept(StoredText.typed(
                    field,
                    descriptor.typeName(),
                    browserKey(field),
                    change,
                    target,
                    text -> memoisedIfCurrent(target, field, text)));
        });
    }

    /**
     * Listens to every field of the store.
     *
     * @param listener receives each field's typed change
     * @return one registration for all of them
     */
    public Registration onAnyChange(Consumer<? super ValueChange<?>> listener) {
        Objects.requireNonNull(listener, "listener");
        List<Registration> registrations = new ArrayList<>();
        for (StoreField<?> field : descriptor.fields()) {
            registrations.add(onChange(field, listener::accept));
        }
        return () -> registrations.forEach(Registration::remove);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
