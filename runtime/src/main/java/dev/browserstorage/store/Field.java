package dev.browserstorage.store;

import dev.browserstorage.Registration;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One field of a generated store, bound to the store's browsers: everything a store does with a
 * single field beyond its getter and setter. A store hands one out per field, named as the field
 * ({@code prefs.theme()}); it is cheap, immutable and may be kept.
 *
 * <pre>{@code
 * prefs.getTheme();                            // the getter: same as prefs.theme().get()
 * prefs.theme().orDefault();                   // never waits for the browser (server-side rendering)
 * prefs.theme().onChange(change -> log(change.newValue()));
 * prefs.theme().remove();                      // reads as the default afterwards
 * }</pre>
 *
 * <p>Every call finds the browser anew, as the store does: with an injected store, the browser of
 * the current request or socket message.
 *
 * @param <T> the field's Java type (boxed for primitives)
 */
public final class Field<T> {
    private final StoreAccess access;
    private final StoreField<T> field;

    Field(StoreAccess access, StoreField<T> field) {
        this.access = Objects.requireNonNull(access, "access");
        this.field = Objects.requireNonNull(field, "field");
    }

    /**
     * The stored value, or the field's default if it is absent, expired or unreadable (a stored
     * text that does not decode is logged once and replaced by the next write). A {@code @Signed} or
     * {@code @Encrypted} field's value that does not open (edited, forged, copied from another key,
     * sealed with a key no longer configured) reads as the default too; it is logged and reported
     * once ({@link dev.browserstorage.protect.RejectedValue}).
     *
     * @return the value
     * @throws dev.browserstorage.NotHydratedException before the browser has sent what it holds
     */
    public T get() {
        return access.get(field);
    }

    /**
     * The value the server knows, or the default where it does not know it yet (before the browser
     * has sent what it holds, unless this server wrote the field; in a call without a browser or, for
     * sessionStorage, without a tab). Never throws for want of the browser's state: for pages
     * rendered on the server.
     *
     * @return the value or the default
     */
    public T orDefault() {
        return access.getOrDefault(field);
    }

    /**
     * Whether the browser holds a live value: not absent, not expired, and for a protected field
     * one that opens.
     *
     * @return true if a value is stored
     * @throws dev.browserstorage.NotHydratedException before the browser has sent what it holds
     */
    public boolean isSet() {
        return access.isSet(field);
    }

    /**
     * Stores a value, with the field's declared lifetime if it has one; readers on this server see
     * it at once. The same as the store's setter. A protected field's value is sealed first (its
     * lifetime sealed with it), and the browser's limits apply to the sealed text.
     *
     * @param value the new value, or {@code null} to remove it
     * @return completes when the browser has stored it; fails, and the value is taken back, if it
     *     cannot
     * @throws dev.browserstorage.QuotaExceededException if the value would pass a limit: nothing is sent
     * @throws dev.browserstorage.InvalidCookieException if the browser would refuse the cookie
     */
    public CompletionStage<Void> set(T value) {
        return access.set(field, value);
    }

    /**
     * Stores a value for a lifetime of its own, for a field with a declared lifetime ({@code @Ttl}
     * on the field or its type): such values are stored with their expiry, which the field's
     * readers understand.
     *
     * @param value the new value, or {@code null} to remove it
     * @param ttl how long it lives, positive
     * @return completes when the browser has stored it
     * @throws IllegalArgumentException for a cookie (its lifetime is {@code maxAge}), for a field
     *     without a declared lifetime, or for a ttl that is not positive
     */
    public CompletionStage<Void> set(T value, Duration ttl) {
        return access.set(field, value, ttl);
    }

    /**
     * Removes the value: the field reads as its default afterwards.
     *
     * @return completes when the browser has removed it
     */
    public CompletionStage<Void> remove() {
        return access.remove(field);
    }

    /**
     * Listens to the field's changes, from this server or from the browser.
     *
     * @param listener receives the old and new value (the default where absent)
     * @return the registration, to remove it
     */
    public Registration onChange(Consumer<? super ValueChange<T>> listener) {
        return access.onChange(field, listener);
    }

    /**
     * The name the field is stored under.
     *
     * @return the key inside the app ({@code namespace.field}; the browser adds {@code <app>:}), or
     *     the cookie's name
     */
    public String key() {
        return field.key();
    }

    /**
     * What the field is: its name, codec, default and lifetime.
     *
     * @return the field's description, as in the store's {@code DESCRIPTOR}
     */
    public StoreField<T> field() {
        return field;
    }

    @Override
    public String toString() {
        return "Field[" + field.area().wireName() + " " + field.key() + "]";
    }
}
