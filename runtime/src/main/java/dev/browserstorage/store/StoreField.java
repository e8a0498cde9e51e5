package dev.browserstorage.store;

import dev.browserstorage.StorageArea;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One field of a typed store: where it is kept, how its values are encoded, its default and its
 * lifetime. Generated stores hold one as a constant per field; it is immutable and shared by every
 * session.
 *
 * @param <T> the field's Java type (boxed for primitives)
 */
public final class StoreField<T> {
    private final int ordinal;
    private final StorageArea area;
    private final String name;
    private final String key;
    private final ValueCodec<T> codec;
    private final ValueCodec<T> storedCodec;
    private final T defaultValue;
    private final String defaultText;
    private final Duration ttl;
    private final boolean ttlCapable;
    private final CookieOptions cookieOptions;
    private final Protection protection;

    private StoreField(Builder<T> builder) {
        this.protection = builder.protection;
        this.ordinal = builder.ordinal;
        this.area = builder.area;
        this.name = builder.name;
        this.key = builder.key;
        this.codec = builder.codec;
        this.storedCodec = area == StorageArea.COOKIE ? Codecs.cookieForm(builder.codec) : builder.codec;
        this.ttl = builder.ttl;
        this.ttlCapable = builder.ttl != null || builder.ttlCapable;
        this.cookieOptions = builder.cookieOptions;
        // The default goes through the codec once: what readers get is exactly what a stored copy
        // of it would decode to (immutable collections included), never the POJO's own instance.
        this.defaultText = builder.defaultValue == null ? null : codec.encode(builder.defaultValue);
        this.defaultValue = defaultText == null ? null : codec.decode(defaultText);
    }

    /**
     * Starts describing a field.
     *
     * @param ordinal the field's position in its store, from 0
     * @param area where the field is kept
     * @param name the Java field name
     * @param key the key inside the app ({@code namespace.field}) for localStorage and
     *     sessionStorage, the cookie name for cookies
     * @param codec the JSON codec of the field's type
     * @param <T> the field's type
     * @return a builder
     */
    public static <T> Builder<T> builder(int ordinal, StorageArea area, String name, String key, ValueCodec<T> codec) {
        return new Builder<>(ordinal, area, name, key, codec);
    }

    /**
     * Describes a field of localStorage or sessionStorage without a lifetime of its own: what a
     * generated store declares for most fields, in one call.
     *
     * @param ordinal the field's position in its store, from 0
     * @param area where the field is kept: {@link StorageArea#LOCAL} or {@link StorageArea#SESSION}
     * @param name the Java field name
     * @param key the key inside the app ({@code namespace.field})
     * @param codec the JSON codec of the field's type
     * @param defaultValue the value read while the key is absent, or {@code null}
     * @param <T> the field's type
     * @return the field, as {@code builder(...).defaultValue(defaultValue).build()} makes it
     * @throws IllegalArgumentException for a cookie field, which needs its attributes: use {@link #builder}
     */
    public static <T> StoreField<T> of(
            int ordinal, StorageArea area, String name, String key, ValueCodec<T> codec, T defaultValue) {
        if (area == StorageArea.COOKIE) {
            throw new IllegalArgumentException("A cookie field needs its attributes: use StoreField.builder: " + key);
        }
        return new Builder<>(ordinal, area, name, key, codec)
                .defaultValue(defaultValue)
                .build();
    }

    /**
     * This field's value through a store's access: {@code access.get(this)}. What generated stores
     * call; it spares the compiler a type inference per call.
     *
     * @param access the store's access, whose descriptor holds this field
     * @return the stored value, or the default
     * @throws dev.browserstorage.NotHydratedException before the browser has sent what it holds
     */
    public T get(StoreAccess access) {
        return access.get(this);
    }

    /**
     * Sets this field through a store's access: {@code access.set(this, value)}.
     *
     * @param access the store's access, whose descriptor holds this field
     * @param value the value, or {@code null} to remove it
     * @return completes when the browser has stored it
     */
    public CompletionStage<Void> set(StoreAccess access, T value) {
        return access.set(this, value);
    }

    /**
     * Adds this field's value to a batch: {@code batch.set(this, value)}.
     *
     * @param batch a batch of the store's access
     * @param value the new value, or {@code null} to remove it
     * @return the batch
     */
    public FieldBatch set(FieldBatch batch, T value) {
        return batch.set(this, value);
    }

    /**
     * This field's handle in a store's access: {@code access.field(this)}.
     *
     * @param access the store's access, whose descriptor holds this field
     * @return the handle
     */
    public Field<T> handle(StoreAccess access) {
        return access.field(this);
    }

    /** @return the field's position in its store */
    public int ordinal() {
        return ordinal;
    }

    /** @return where the field is kept */
    public StorageArea area() {
        return area;
    }

    /** @return the Java field name */
    public String name() {
        return name;
    }

    /** @return the key inside the app, or the cookie name */
    public String key() {
        return key;
    }

    /** @return the JSON codec of the field's type */
    public ValueCodec<T> codec() {
        return codec;
    }

    /** @return the codec of the stored text: the JSON codec, or its cookie form for cookies */
    public ValueCodec<T> storedCodec() {
        return storedCodec;
    }

    /** @return the value read while the key is absent; may be {@code null} */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return the JSON text of the default, if there is a default */
    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultText);
    }

    /** @return the declared lifetime of values, if any */
    public Optional<Duration> ttl() {
        return Optional.ofNullable(ttl);
    }

    /**
     * Whether values carry an expiry: true where a lifetime is declared, on the field or its store.
     * Such values are stored in an envelope ({@link dev.browserstorage.codec.Expiring}).
     *
     * @return true if values carry an expiry
     */
    public boolean expires() {
        return ttlCapable;
    }

    /** @return how the field's stored values are protected: {@link Protection#NONE} unless declared */
    public Protection protection() {
        return protection;
    }

    /**
     * What a protected value of this field is bound to, as {@link dev.browserstorage.protect.KeyRing}
     * seals and opens it: the area's wire name, a line feed and the key inside the app. A sealed text
     * copied under another key does not open.
     *
     * @return the binding
     */
    public String sealBinding() {
        return StoredText.binding(area, key);
    }

    /** @return the cookie's attributes (cookies only) */
    public Optional<CookieOptions> cookieOptions() {
        return Optional.ofNullable(cookieOptions);
    }

    @Override
    public String toString() {
        return "StoreField[" + area.wireName() + " " + key + ": " + codec.typeName() + "]";
    }

    /**
     * Builds a {@link StoreField}.
     *
     * @param <T> the field's type
     */
    public static final class Builder<T> {
        private final int ordinal;
        private final StorageArea area;
        private final String name;
        private final String key;
        private final ValueCodec<T> codec;
        private T defaultValue;
        private Duration ttl;
        private boolean ttlCapable;
        private CookieOptions cookieOptions;
        private Protection protection = Protection.NONE;

        private Builder(int ordinal, StorageArea area, String name, String key, ValueCodec<T> codec) {
            if (ordinal < 0) {
                throw new IllegalArgumentException("ordinal must not be negative: " + ordinal);
            }
            this.ordinal = ordinal;
            this.area = Objects.requireNonNull(area, "area");
            this.name = Objects.requireNonNull(name, "name");
            this.key = Objects.requireNonNull(key, "key");
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /**
         * Sets the default, read while the key is absent.
         *
         * @param value the default, or {@code null}
         * @return this builder
         */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * Sets the declared lifetime of values (localStorage and sessionStorage only).
         *
         * @param lifetime a positive duration
         * @return this builder
         */
        public Builder<T> ttl(Duration lifetime) {
            if (area == StorageArea.COOKIE) {
                throw new IllegalArgumentException("Cookies have a maxAge, not a ttl: " + key);
            }
            if (lifetime.isZero() || lifetime.isNegative()) {
                throw new IllegalArgumentException("ttl must be positive: " + lifetime);
            }
            this.ttl = lifetime;
            return this;
        }

        /**
         * Sets the cookie's attributes (cookies only).
         *
         * @param options the attributes
         * @return this builder
         */
        public Builder<T> cookie(CookieOptions options) {
            if (area != StorageArea.COOKIE) {
                throw new IllegalArgumentException("Only cookie fields have cookie options: " + key);
            }
            this.cookieOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sets how stored values are protected ({@code @Signed}, {@code @Encrypted}).
         *
         * @param protection the protection
         * @return this builder
         */
        public Builder<T> protection(Protection protection) {
            this.protection = Objects.requireNonNull(protection, "protection");
            return this;
        }

        /** @return the field */
        public StoreField<T> build() {
            if (area == StorageArea.COOKIE && cookieOptions == null) {
                cookieOptions = CookieOptions.defaults();
            }
            return new StoreField<>(this);
        }
    }
}
