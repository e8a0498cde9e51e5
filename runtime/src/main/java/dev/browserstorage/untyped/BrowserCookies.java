package dev.browserstorage.untyped;

import dev.browserstorage.NotHydratedException;
import dev.browserstorage.Registration;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.browser.CookieAttributes;
import dev.browserstorage.browser.HttpCookies;
import dev.browserstorage.browser.StorageChange;
import dev.browserstorage.browser.StorageListener;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.InvalidCookieException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The browser's cookies by name, for names known only at run time: the Cookie Store API from Java
 * ({@code get}, {@code getAll}, {@code getAll} by prefix, {@code set} with options, {@code delete},
 * change events with {@code changed} and {@code deleted} lists). Prefer a typed {@code @Cookie}
 * store where the names are known.
 *
 * <pre>{@code
 * cookies.set("lang", "de", CookieOptions.builder().maxAge(Duration.ofDays(365)).build());
 * String lang = cookies.get("lang").map(CookieListItem::value).orElse("en");
 * cookies.delete("lang");          // with the path and domain it was set with
 * }</pre>
 *
 * <p>Writes take the same road as a typed store's: inside an HTTP request of the browser they
 * become {@code Set-Cookie} headers on its response (done when the response carries them; HttpOnly
 * allowed); elsewhere they go over the sync socket and complete when the browser has stored them.
 * An HttpOnly cookie written over the socket goes through a commit URL whose response carries it,
 * so its value never reaches JavaScript. Every write is checked first: a cookie the browser would
 * refuse, or one that would make the browser's requests too large for the server, fails at once
 * with an {@link InvalidCookieException} naming the rule, and nothing is sent. So does a write of a
 * cookie the framework keeps for itself ({@link dev.browserstorage.cookie.CookieRule#RESERVED_NAME}).
 *
 * <p>Values are written as given: they must already be valid cookie values (no {@code ;}, no
 * control characters, no surrounding spaces). Reads return what the browser holds; HttpOnly cookies
 * are only seen inside an HTTP request (their values never reach the glue) or when this server
 * wrote them.
 */
public final class BrowserCookies {
    private final BrowserSource browsers;

    /**
     * Untyped cookies of one browser, or of the current request's browser.
     *
     * @param browsers where each call finds its browser
     */
    public BrowserCookies(BrowserSource browsers) {
        this.browsers = Objects.requireNonNull(browsers, "browsers");
    }

    // ---------------------------------------------------------------- reads

    /**
     * A cookie by name.
     *
     * @param name the cookie name
     * @return the cookie, or empty if the browser holds none by that name
     * @throws NotHydratedException outside an HTTP request, before the browser has sent what it holds
     */
    public Optional<CookieListItem> get(String name) {
        Objects.requireNonNull(name, "name");
        Optional<HttpCookies> http = browsers.httpCookies();
        Optional<String> value =
                http.isPresent() ? http.get().cookie(name) : browser().readText(StorageArea.COOKIE, name);
        return value.map(text -> item(name, text));
    }

    /**
     * Every cookie the browser holds (that the page can see, and HttpOnly ones inside an HTTP request).
     *
     * @return the cookies, sorted by name
     * @throws NotHydratedException outside an HTTP request, before the browser has sent what it holds
     */
    public List<CookieListItem> getAll() {
        return getAll("");
    }

    /**
     * Every cookie whose name starts with a prefix, as in the Cookie Store API's original design
     * ({@code getAll({name, matchType: "starts-with"})}).
     *
     * @param prefix the start of the names; empty for all
     * @return the cookies, sorted by name
     * @throws NotHydratedException outside an HTTP request, before the browser has sent what it holds
     */
    public List<CookieListItem> getAll(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        Optional<HttpCookies> http = browsers.httpCookies();
        SortedMap<String, String> all =
                http.isPresent() ? http.get().cookies() : browser().entries(StorageArea.COOKIE);
        List<CookieListItem> items = new ArrayList<>();
        for (Map.Entry<String, String> cookie : all.tailMap(prefix).entrySet()) {
            if (!cookie.getKey().startsWith(prefix)) {
                break;
            }
            items.add(item(cookie.getKey(), cookie.getValue()));
        }
        return items;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Sets a cookie with {@link CookieOptions#defaults()}: the whole site, a session cookie, Secure,
     * {@code SameSite=Lax}.
     *
     * @param name the cookie name
     * @param value the cookie value
     * @return completes when the browser has stored it
     * @throws InvalidCookieException if the browser would refuse the cookie, or its name is reserved
     *     for the framework's own cookie; nothing is sent
     */
    public CompletionStage<Void> set(String name, String value) {
        return set(name, value, CookieOptions.defaults());
    }

    /**
     * Sets a cookie. A {@code maxAge} of zero or less, or an {@code expires} in the past, deletes it
     * (as in a {@code Set-Cookie} header). A lifetime over 400 days is shortened to 400 days from now,
     * as browsers shorten it: the cookie is sent, remembered and read back with the shortened one. The
     * options are remembered for this browser, so that {@link #delete(String)} uses the same path and
     * domain.
     *
     * @param name the cookie name
     * @param value the cookie value
     * @param options its attributes
     * @return completes when the browser has stored it
     * @throws InvalidCookieException if the browser would refuse the cookie, its name is reserved for
     *     the framework's own cookie, or the browser's cookies would pass the server's request-header
     *     limit; nothing is sent
     */
    public CompletionStage<Void> set(String name, String value, CookieOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        if (deletes(options, browser().clock().instant())) {
            return delete(name, options);
        }
        return submit(Write.setCookie(name, value, options));
    }

    /**
     * Deletes a cookie, with the path and domain this server last set it with (remembered from
     * {@link #set(String, String, CookieOptions)} or a typed store), else with the defaults (path
     * {@code /}, host-only). Deleting a cookie the browser does not hold does nothing.
     *
     * @param name the cookie name
     * @return completes when the browser has deleted it
     * @throws InvalidCookieException if the name is reserved for the framework's own cookie; nothing
     *     is sent
     */
    public CompletionStage<Void> delete(String name) {
        Objects.requireNonNull(name, "name");
        CookieOptions options =
                browser().cookieAttributes(name).map(CookieAttributes::options).orElse(CookieOptions.defaults());
        return delete(name, options);
    }

    /**
     * Deletes a cookie set with a given path and domain: a browser only deletes a cookie whose name,
     * path and domain all match. A {@code __Host-}, {@code __Secure-}, {@code SameSite=None} or
     * Partitioned cookie also needs its Secure and Partitioned flags to be deleted; pass the options
     * it was set with. Their lifetime is ignored.
     *
     * @param name the cookie name
     * @param options the attributes the cookie was set with
     * @return completes when the browser has deleted it
     * @throws InvalidCookieException if no browser would accept the deletion (a bad path or domain),
     *     or the name is reserved for the framework's own cookie; nothing is sent
     */
    public CompletionStage<Void> delete(String name, CookieOptions options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        return submit(
                Write.deleteCookie(name, options.toBuilder().sessionCookie().build()));
    }

    /** One cookie write: a {@code Set-Cookie} header inside an HTTP request, else a batch over the socket. */
    private CompletionStage<Void> submit(Write write) {
        return browser().writeCookies(browsers.httpCookies(), List.of(write));
    }

    private static boolean deletes(CookieOptions options, Instant now) {
        return options.maxAge().map(age -> age.isZero() || age.isNegative()).orElse(false)
                || options.expires().map(expires -> !expires.isAfter(now)).orElse(false);
    }

    // ---------------------------------------------------------------- change events

    /**
     * Listens to one cookie's changes, from this server or from the browser (page script, another
     * tab, devtools, the response of another server), reported by the glue.
     *
     * @param name the cookie name
     * @param listener receives each change as an event with one cookie in {@code changed} or
     *     {@code deleted}
     * @return the registration
     */
    public Registration onChange(String name, Consumer<? super CookieChangeEvent> listener) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(listener, "listener");
        return browser().addListener(StorageArea.COOKIE, name, forward(listener));
    }

    /**
     * Listens to the changes of every cookie whose name starts with a prefix (every cookie for an
     * empty prefix).
     *
     * @param prefix the start of the names
     * @param listener receives each change as an event with one cookie in {@code changed} or
     *     {@code deleted}
     * @return the registration
     */
    public Registration onPrefixChange(String prefix, Consumer<? super CookieChangeEvent> listener) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(listener, "listener");
        return browser().addPrefixListener(StorageArea.COOKIE, prefix, forward(listener));
    }

    private StorageListener forward(Consumer<? super CookieChangeEvent> listener) {
        Browser browser = browser();
        return change -> listener.accept(event(browser, change));
    }

    private static CookieChangeEvent event(Browser browser, StorageChange change) {
        if (change.isRemoval()) {
            CookieListItem gone =
                    new CookieListItem(change.key(), change.previous().orElse(""), null, null);
            return new CookieChangeEvent(List.of(), List.of(gone), change.source());
        }
        return new CookieChangeEvent(
                List.of(item(browser, change.key(), change.newValue())), List.of(), change.source());
    }

    private CookieListItem item(String name, String value) {
        return item(browser(), name, value);
    }

    private static CookieListItem item(Browser browser, String name, String value) {
        Optional<CookieAttributes> attributes = browser.cookieAttributes(name);
        return new CookieListItem(
                name,
                value,
                attributes.map(CookieAttributes::options).orElse(null),
                attributes.flatMap(CookieAttributes::expiresAt).orElse(null));
    }

    private Browser browser() {
        return browsers.current();
    }
}
