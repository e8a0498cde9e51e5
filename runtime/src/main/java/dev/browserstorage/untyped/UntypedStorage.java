package dev.browserstorage.untyped;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageListener;
import dev.browserstorage.browser.StorageTarget;
import dev.browserstorage.browser.Write;
import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.Expiring;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.codec.ValueDecodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The untyped access to one storage area that {@link BrowserLocalStorage} and {@link
 * BrowserSessionStorage} share: keys known only at run time, values as JSON by Jackson, all within
 * the app's namespace and limits.
 */
abstract class UntypedStorage {
    private static final System.Logger LOG = System.getLogger(UntypedStorage.class.getName());
    /** Keys the glue keeps for itself ({@code <app>:__bs.applied}); never user data. */
    private static final String RESERVED = "__bs.";

    private final BrowserSource browsers;
    private final StorageArea area;
    private final String prefix;

    UntypedStorage(BrowserSource browsers, StorageArea area) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
        this.area = area;
        this.prefix = browsers.appId() + ":";
    }

    /**
     * A value, decoded to a type.
     *
     * @param key the key inside the app (the browser stores {@code <app>:<key>})
     * @param type the value's type
     * @param <T> the value's type
     * @return the value, or empty if it is absent, expired, or not a valid {@code type} (a warning is
     *     logged then)
     * @throws NotHydratedException before the browser has sent what it holds
     */
    public <T> Optional<T> get(String key, Class<T> type) {
        String text = browser().readText(area, browserKey(key)).orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        ValueCodec<T> codec = Codecs.json(type);
        try {
            if (isEnvelope(text)) {
                Expiring<T> value = Expiring.decode(codec, text);
                return value.isExpiredAt(browser().clock().millis())
                        ? Optional.empty()
                        : Optional.ofNullable(value.value());
            }
            return Optional.ofNullable(codec.decode(text));
        } catch (ValueDecodingException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Stored value of " + area.wireName() + " key '" + browserKey(key) + "' is not a valid "
                            + type.getSimpleName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A value, or a default.
     *
     * @param key the key inside the app
     * @param type the value's type
     * @param defaultValue what to return when the value is absent, expired or unreadable
     * @param <T> the value's type
     * @return the value or the default
     */
    public <T> T get(String key, Class<T> type, T defaultValue) {
        return get(key, type).orElse(defaultValue);
    }

    /**
     * Stores a value as JSON; {@code null} removes the key.
     *
     * @param key the key inside the app
     * @param value the value (anything Jackson can write), or {@code null}
     * @return completes when the browser has stored it
     * @throws QuotaExceededException if it would pass a limit; nothing is sent
     */
    public CompletionStage<Void> set(String key, Object value) {
        return browser().write(List.of(write(key, value, null)));
    }

    /**
     * Stores a value that expires, the way cookies do (Streamlit's {@code expires_in}).
     *
     * @param key the key inside the app
     * @param value the value
     * @param ttl how long it lives, positive
     * @return completes when the browser has stored it
     */
    public CompletionStage<Void> set(String key, Object value, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        return browser().write(List.of(write(key, value, ttl)));
    }

    /**
     * Removes a key.
     *
     * @param key the key inside the app
     * @return completes when the browser has removed it
     */
    public CompletionStage<Void> remove(String key) {
        return browser().write(List.of(Write.remove(area, browserKey(key))));
    }

    /**
     * Whether a live (not expired) value is stored under a key.
     *
     * @param key the key inside the app
     * @return true if one is
     */
    public boolean contains(String key) {
        return get(key, Object.class).isPresent();
    }

    /** @return every key of the app in this area, without the app's prefix, sorted */
    public SortedSet<String> keys() {
        SortedSet<String> keys = new TreeSet<>();
        for (String key : browser().entries(area).keySet()) {
            String own = key.substring(prefix.length());
            if (!own.startsWith(RESERVED)) {
                keys.add(own);
            }
        }
        return keys;
    }

    /**
     * Removes every key of the app in this area (typed stores' keys included), in one batch.
     *
     * @return completes when the browser has removed them
     */
    public CompletionStage<Void> clear() {
        List<Write> writes = new ArrayList<>();
        for (String key : keys()) {
            writes.add(Write.remove(area, prefix + key));
        }
        return browser().write(writes);
    }

    /**
     * Listens to changes of a key, from this server or from the browser.
     *
     * @param key the key inside the app
     * @param listener receives the raw change (stored texts)
     * @return the registration
     */
    public Registration onChange(String key, Consumer<StorageChange> listener) {
        Objects.requireNonNull(listener, "listener");
        StorageListener forward = listener::accept;
        return browser().addListener(area, browserKey(key), forward);
    }

    private Write write(String key, Object value, Duration ttl) {
        String browserKey = browserKey(key);
        if (value == null) {
            return Write.remove(area, browserKey);
        }
        @SuppressWarnings("unchecked")
        ValueCodec<Object> codec = (ValueCodec<Object>) Codecs.json(value.getClass());
        String text = ttl == null
                ? codec.encode(value)
                : Expiring.encode(codec, value, browser().clock().millis() + ttl.toMillis());
        return Write.set(area, browserKey, text);
    }

    private String browserKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith(RESERVED)) {
            throw new IllegalArgumentException("Key '" + key + "' is empty or reserved: keys starting with '" + RESERVED
                    + "' belong to the browser glue");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException(
                        "Key '" + key.replaceAll("\\p{Cntrl}", "?") + "' contains a control character at index " + i);
            }
        }
        return prefix + key;
    }

    private static boolean isEnvelope(String text) {
        return text.startsWith("{\"expires\":");
    }

    private StorageTarget browser() {
        return area == StorageArea.SESSION ? browsers.currentTab() : browsers.current();
    }
}
