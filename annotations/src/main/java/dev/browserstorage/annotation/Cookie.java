package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps the fields of the annotated class or record in cookies: one cookie per field, named
 * {@code <prefix><field>} (or {@link Key}), sent by the browser with every request to the site.
 *
 * <p>On the type it declares the store and the attributes of all its cookies; on a field it
 * overrides, for that field's cookie, only the attributes it sets explicitly ({@link #prefix()}
 * belongs to the type alone).
 *
 * <pre>{@code
 * @Cookie(prefix = "ui_", maxAge = "P365D", sameSite = SameSite.LAX)
 * public class UiCookies {
 *     public String lang = "en";                 // cookie "ui_lang"
 *     @Cookie(maxAge = "PT1H") public boolean bannerSeen;
 * }
 * }</pre>
 *
 * <p>Browsers silently drop a cookie they consider invalid; the processor refuses such a declaration
 * at compile time and the runtime refuses such a value before sending it. The rules are RFC 6265bis
 * and the Cookie Store API's: name and value at most 4096 bytes together, no {@code ;} or control
 * characters, {@code __Secure-} and {@code __Host-} prefixes with their requirements, {@code
 * SameSite=None} only with {@code Secure}. A lifetime over 400 days is not refused but capped at 400
 * days, as browsers cap it (the processor warns).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Cookie {
    /**
     * Put in front of every field name to form the cookie name, for example {@code "ui_"} or {@code
     * "__Host-"}. Type only. Default: none.
     *
     * @return the prefix
     */
    String prefix() default "";

    /**
     * How long the browser keeps the cookie, as an ISO-8601 duration ({@code "P30D"}, {@code
     * "PT1H"}); a longer one than 400 days is capped at 400 days, as browsers cap it, and the
     * processor warns. Empty (the default) makes a session cookie, dropped when the browser session
     * ends.
     *
     * @return the lifetime, or empty
     */
    String maxAge() default "";

    /**
     * The path the cookie is sent for; must start with {@code /}. Default {@code "/"}, the whole
     * site. Deleting a cookie takes the same path, which the generated store remembers.
     *
     * @return the path
     */
    String path() default "/";

    /**
     * The domain the cookie is sent to, with its subdomains. Empty (the default) makes a host-only
     * cookie, sent to the page's own host only. Must be the page's host or a parent of it, and never
     * a public suffix such as {@code com} or {@code co.uk}.
     *
     * @return the domain, or empty
     */
    String domain() default "";

    /**
     * Whether the cookie is sent over HTTPS only. Default {@code true}, as in the Cookie Store API.
     * Browsers treat {@code http://localhost} as secure.
     *
     * @return whether the cookie is Secure
     */
    boolean secure() default true;

    /**
     * When the cookie is sent with requests that other sites start. Default {@link SameSite#LAX}.
     *
     * @return the SameSite attribute
     */
    SameSite sameSite() default SameSite.LAX;

    /**
     * Whether the cookie is partitioned by top-level site (CHIPS): an embedded page gets a separate
     * cookie jar per site that embeds it. Needs {@code Secure}. Default {@code false}.
     *
     * @return whether the cookie is Partitioned
     */
    boolean partitioned() default false;

    /**
     * Whether the cookie is hidden from JavaScript. Such a cookie is written only by the server,
     * through a {@code Set-Cookie} header, and its value never reaches the page. Default {@code
     * false}.
     *
     * @return whether the cookie is HttpOnly
     */
    boolean httpOnly() default false;
}
