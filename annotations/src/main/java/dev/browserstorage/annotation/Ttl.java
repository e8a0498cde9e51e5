package dev.browserstorage.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives values of a {@link LocalStorage} or {@link SessionStorage} store a lifetime, the way cookies
 * have one: a value written more than this long ago reads as absent (so as the default) and is
 * dropped from the browser.
 *
 * <p>On the type it applies to every field; on a field it overrides the type's. The generated store
 * also gets a {@code setX(value, Duration ttl)} for every field that has one, to choose the lifetime
 * per write. The expiry instant is stored with the value, so it holds across reloads and tabs.
 *
 * <p>Cookies have their own lifetime: use {@link Cookie#maxAge()} there.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Ttl {
    /**
     * The lifetime as an ISO-8601 duration, positive: {@code "PT30M"}, {@code "P7D"}.
     *
     * @return the lifetime
     */
    String value();
}
