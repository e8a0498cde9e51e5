package dev.browserstorage.store;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Snapshot;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.Utf8;
import dev.browserstorage.codec.ValueDecodingException;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRules;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import dev.browserstorage.protect.RejectedValue;
import dev.browserstorage.protect.SealException;
import dev.browserstorage.protect.ValueProtection;
import java.time.Duration;
import java.time.Instant;

/**
 * A field's stored text and its typed value, both ways: the envelope of a value with a lifetime,
 * the cookie form, the seal of a protected field ({@code @Signed}, {@code @Encrypted}) over both,
 * and the refusal of a text no write of ours could have stored.
 */
final class StoredText {
    private static final System.Logger LOG = System.getLogger(StoreAccess.class.getName());

    private StoredText() {}

    /**
     * A decoded stored text, memoised on the stored value it came from.
     *
     * @param field the field it was decoded for
     * @param value the value, or the field's default where the text was unreadable
     * @param expiresAtMillis when it expires, {@code Long.MAX_VALUE} for never
     * @param valid false where the text was unreadable (or, protected, did not open) and the default
     *     stands in
     * @param stale true for a protected value sealed with an older key, or with another protection
     *     than the field's: the hydration seals it again
     */
    record Decoded(StoreField<?> field, Object value, long expiresAtMillis, boolean valid, boolean stale) {
        boolean expiredAt(long nowMillis) {
            return expiresAtMillis != Long.MAX_VALUE && nowMillis >= expiresAtMillis;
        }
    }

    /**
     * Decodes a stored text; one over {@code maxValueBytes} (for localStorage and sessionStorage,
     * where the caller has the browser's limit at hand) reads as the default, with a warning. A
     * protected field's text is opened first: one that does not open reads as the default and, if
     * {@code report} is set, is logged and reported to {@link ValueProtection#rejected()}.
     *
     * @param storeType the store's type, as a refusal names it
     * @param protection the keys that open the field's values
     * @param nowMillis the current time, for a sealed expiry
     * @param report whether a refused protected value is logged and reported: only where the
     *     decoded form is memoised, so that a stored text is reported once, not once per read
     */
    static <T> Decoded decode(
            StoreField<T> field,
            String storeType,
            String browserKey,
            String text,
            long maxValueBytes,
            ValueProtection protection,
            long nowMillis,
            boolean report) {
        String where = "Stored value of " + field.area().wireName() + " key '" + browserKey + "'";
        if (field.area() != StorageArea.COOKIE) {
            if (Snapshot.OVER_LIMIT.equals(text)) {
                return unreadable(
                        field,
                        where + " was over the limit of " + maxValueBytes
                                + " bytes when the browser reported it, reading the default instead");
            }
            // A value no write of ours could have stored (edited by hand, or by another script) is
            // not handed to the application, however well it decodes.
            long bytes = Utf8.length(text);
            if (bytes > maxValueBytes) {
                return unreadable(
                        field,
                        where + " is " + bytes + " bytes, over the limit of " + maxValueBytes
                                + ", reading the default instead");
            }
        }
        String plain = text;
        long sealedExpiryMillis = Long.MAX_VALUE;
        boolean stale = false;
        if (field.protection() != Protection.NONE) {
            try {
                KeyRing.Opened opened = protection.keys().open(binding(field), text, nowMillis);
                plain = opened.text();
                if (opened.expiresAtSeconds() != 0) {
                    sealedExpiryMillis = opened.expiresAtSeconds() * 1000;
                }
                stale = opened.stale() || opened.protection() != field.protection();
            } catch (SealException e) {
                if (e.reason() == RejectedValue.Reason.EXPIRED && field.area() != StorageArea.COOKIE) {
                    // Authentic, and its envelope expired with it: an ordinary expiry, as for any
                    // value with a lifetime. A cookie past its sealed expiry outlived its maxAge in
                    // the browser: a replay, refused.
                    return new Decoded(field, field.defaultValue(), 0, true, false);
                }
                if (report) {
                    reject(field, storeType, browserKey, protection, e);
                }
                return new Decoded(field, field.defaultValue(), Long.MAX_VALUE, false, false);
            }
        }
        try {
            Expiring<T> value = decodeText(field, plain);
            return new Decoded(
                    field,
                    value.value() == null ? field.defaultValue() : value.value(),
                    Math.min(value.expiresAtMillis(), sealedExpiryMillis),
                    true,
                    stale);
        } catch (ValueDecodingException e) {
            return unreadable(
                    field,
                    where + " is not a valid " + field.codec().typeName() + ", reading the default instead"
                            // The message quotes the text, which an encrypted field's log must not show.
                            + (field.protection() == Protection.ENCRYPTED ? "" : ": " + e.getMessage()));
        }
    }

    /** Logs a protected value that did not open and tells the app: naming the field, never the value. */
    private static void reject(
            StoreField<?> field, String storeType, String browserKey, ValueProtection protection, SealException e) {
        RejectedValue.Reason reason = e.reason();
        LOG.log(
                System.Logger.Level.WARNING,
                "Refused the " + field.protection().name().toLowerCase(java.util.Locale.ROOT) + " value of "
                        + storeType + "." + field.name() + " (" + field.area().wireName() + " key '" + browserKey
                        + "'): " + reason + ", " + e.getMessage() + "; reading the default instead");
        try {
            protection.rejected().accept(new RejectedValue(storeType, field.name(), field.area(), browserKey, reason));
        } catch (RuntimeException listenerFailure) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The report of a refused value of " + storeType + "." + field.name() + " failed",
                    listenerFailure);
        }
    }

    private static Decoded unreadable(StoreField<?> field, String warning) {
        LOG.log(System.Logger.Level.WARNING, warning);
        return new Decoded(field, field.defaultValue(), Long.MAX_VALUE, false, false);
    }

    /**
     * A change of a field's stored text as typed values: the default where absent, expired,
     * unreadable or (protected) refused. Refusals are not reported here: the new text's is reported
     * by {@code memoised}, the reader that decodes it once for every reader of the same text.
     */
    @SuppressWarnings("unchecked")
    static <T> ValueChange<T> typed(
            StoreField<T> field,
            String storeType,
            String browserKey,
            StorageChange change,
            StorageTarget browser,
            java.util.function.Function<String, Decoded> memoised) {
        return new ValueChange<>(
                field.name(),
                (T) valueOf(field, storeType, browserKey, change.oldValue(), browser, null),
                (T) valueOf(field, storeType, browserKey, change.newValue(), browser, memoised),
                change.source());
    }

    /**
     * A change of a field's stored text as typed values, as {@link #typed(StoreField, String, String,
     * StorageChange, StorageTarget, java.util.function.Function)} without a memo: refusals are left to
     * the readers of the text.
     */
    static <T> ValueChange<T> typed(
            StoreField<T> field, String browserKey, StorageChange change, StorageTarget browser) {
        return typed(field, "", browserKey, change, browser, null);
    }

    private static Object valueOf(
            StoreField<?> field,
            String storeType,
            String browserKey,
            String text,
            StorageTarget browser,
            java.util.function.Function<String, Decoded> memoised) {
        if (text == null) {
            return field.defaultValue();
        }
        long now = browser.clock().millis();
        Decoded decoded = memoised == null ? null : memoised.apply(text);
        if (decoded == null || (decoded.valid() && !field.codec().producesImmutableValues())) {
            decoded = decode(
                    field,
                    storeType,
                    browserKey,
                    text,
                    browser.limits().maxValueBytes(),
                    browser.protection(),
                    now,
                    false);
        }
        return decoded.expiredAt(now) ? field.defaultValue() : decoded.value();
    }

    /**
     * What a protected field's value is bound to: the area's wire name, a line feed and the key
     * inside the app; a sealed text copied under another key does not open.
     *
     * @param field the field
     * @return the binding
     */
    static String binding(StoreField<?> field) {
        return binding(field.area(), field.key());
    }

    /**
     * What a value kept under a key is bound to, for a key no current field may have (a migration's
     * old names).
     *
     * @param area where it is kept
     * @param key the key inside the app ({@code namespace.name}), or the cookie name
     * @return the binding
     */
    static String binding(StorageArea area, String key) {
        return area.wireName() + "\n" + key;
    }

    /**
     * A protected field's stored text sealed again with the sealing key, the text inside and its
     * sealed expiry unchanged, and with the field's protection: for the re-sealing of {@linkplain
     * Decoded#stale() stale} values at hydration.
     *
     * @param field the field, protected
     * @param sealed its stored text
     * @param protection the keys
     * @param nowMillis the current time
     * @return the text sealed anew
     * @throws SealException if it does not open
     */
    static String reseal(StoreField<?> field, String sealed, ValueProtection protection, long nowMillis)
            throws SealException {
        KeyRing.Opened opened = protection.keys().open(binding(field), sealed, nowMillis);
        return protection.keys().seal(field.protection(), binding(field), opened.expiresAtSeconds(), opened.text());
    }

    /**
     * Whether a field's sealed texts may carry an expiry: a protected field with a declared lifetime,
     * or a protected cookie with a {@code maxAge} or {@code expires}. Their decoded values can expire
     * while the text stays the same.
     */
    static boolean sealsExpiry(StoreField<?> field) {
        if (field.protection() == Protection.NONE) {
            return false;
        }
        if (field.area() != StorageArea.COOKIE) {
            return field.expires();
        }
        CookieOptions options = field.cookieOptions().orElseThrow();
        return options.maxAge().isPresent() || options.expires().isPresent();
    }

    /**
     * The text inside a protected field's stored text, or the text itself for an unprotected field;
     * {@code null} where it does not open. For comparisons only: nothing is logged or reported.
     */
    static String opened(StoreField<?> field, String text, ValueProtection protection, long nowMillis) {
        if (field.protection() == Protection.NONE) {
            return text;
        }
        try {
            return protection.keys().open(binding(field), text, nowMillis).text();
        } catch (SealException e) {
            return null;
        }
    }

    /** Decodes a stored text as it is: an expiry envelope for fields with a lifetime. */
    static <T> Expiring<T> decodeText(StoreField<T> field, String text) {
        if (field.expires()) {
            return Expiring.decode(field.codec(), text);
        }
        return new Expiring<>(field.storedCodec().decode(text), Long.MAX_VALUE);
    }

    /**
     * The text a value is stored as: in an expiry envelope where it has a lifetime, sealed where the
     * field is protected (with the value's lifetime as the sealed expiry: the ttl for localStorage
     * and sessionStorage, the cookie's {@code maxAge} or {@code expires}, capped at 400 days, for
     * cookies).
     */
    static <T> String encode(StoreField<T> field, T value, Duration ttl, long nowMillis, ValueProtection protection) {
        String text;
        long expiresAtMillis = 0;
        if (field.area() != StorageArea.COOKIE && (ttl != null || field.expires())) {
            Duration lifetime = ttl != null ? ttl : field.ttl().orElseThrow();
            expiresAtMillis = nowMillis + lifetime.toMillis();
            text = Expiring.encode(field.codec(), value, expiresAtMillis);
        } else {
            text = field.storedCodec().encode(value);
        }
        if (field.protection() == Protection.NONE) {
            return text;
        }
        if (field.area() == StorageArea.COOKIE) {
            expiresAtMillis = cookieExpiry(field.cookieOptions().orElseThrow(), nowMillis);
        }
        return protection
                .keys()
                .seal(
                        field.protection(),
                        binding(field),
                        expiresAtMillis <= 0 ? 0 : sealedExpiry(expiresAtMillis),
                        text);
    }

    /**
     * A sealed expiry in epoch seconds, rounded up: the value opens until the second its envelope
     * (or cookie) expires.
     *
     * @param expiresAtMillis when the value expires, in epoch milliseconds (positive)
     * @return the seconds to seal, at least 1 ({@code 0} means none)
     */
    static long sealedExpiry(long expiresAtMillis) {
        return Math.max(1, Math.floorDiv(expiresAtMillis + 999, 1000));
    }

    /** When a cookie written now expires, capped at 400 days as browsers cap it; 0 for a session cookie. */
    private static long cookieExpiry(CookieOptions options, long nowMillis) {
        long cap = nowMillis + CookieRules.MAX_LIFETIME.toMillis();
        if (options.maxAge().isPresent()) {
            Duration maxAge = options.maxAge().get();
            long seconds = Math.max(0, Math.min(maxAge.getSeconds(), CookieRules.MAX_LIFETIME.getSeconds()));
            return Math.min(cap, nowMillis + seconds * 1000);
        }
        if (options.expires().isPresent()) {
            Instant expires = options.expires().get();
            return Math.max(nowMillis, Math.min(cap, expires.toEpochMilli()));
        }
        return 0;
    }

    /**
     * Protected texts already refused where no memo holds the refusal (cookies read inside HTTP
     * requests): each is reported once while it is among the last {@value #SIZE} refused. Bounded, so
     * that a browser sending ever new texts pins no memory.
     */
    static final class RefusedTexts {
        static final int SIZE = 64;

        private record Refused(int ordinal, String text) {}

        private final java.util.Map<Refused, Boolean> refused = new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Refused, Boolean> eldest) {
                return size() > SIZE;
            }
        };

        synchronized boolean contains(StoreField<?> field, String text) {
            return refused.get(new Refused(field.ordinal(), text)) != null;
        }

        synchronized void add(StoreField<?> field, String text) {
            refused.put(new Refused(field.ordinal(), text), Boolean.TRUE);
        }
    }
}
