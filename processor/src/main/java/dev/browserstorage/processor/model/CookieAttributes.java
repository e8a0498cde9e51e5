package dev.browserstorage.processor.model;

import java.util.Optional;

/**
 * The attributes of one cookie field, resolved once: each from the field's own {@code @Cookie}
 * where it writes it, else from the type's (written or default). The validator checks these values
 * and the writers write them, so both read the same thing.
 *
 * @param type the type's {@code @Cookie}
 * @param own the field's {@code @Cookie}, if it has one
 * @param values the attributes the field ends up with
 */
public record CookieAttributes(CookiePrism type, Optional<CookiePrism> own, CookieValues values) {

    /**
     * Resolves a field's attributes.
     *
     * @param type the type's {@code @Cookie}
     * @param own the field's {@code @Cookie}, if any
     * @return the attributes
     */
    public static CookieAttributes resolve(CookiePrism type, Optional<CookiePrism> own) {
        return new CookieAttributes(
                type,
                own,
                new CookieValues(
                        source(type, own, "maxAge").values().maxAge(),
                        source(type, own, "path").values().path(),
                        source(type, own, "domain").values().domain(),
                        source(type, own, "secure").values().secure(),
                        source(type, own, "sameSite").values().sameSite(),
                        source(type, own, "partitioned").values().partitioned(),
                        source(type, own, "httpOnly").values().httpOnly()));
    }

    private static CookiePrism source(CookiePrism type, Optional<CookiePrism> own, String attribute) {
        return own.filter(cookie -> cookie.explicit(attribute).isPresent()).orElse(type);
    }

    /**
     * Which {@code @Cookie} gives an attribute: the field's own where it writes it, else the type's.
     *
     * @param attribute the attribute's name, such as {@code maxAge}
     * @return the annotation it comes from
     */
    public AnnotationRef source(String attribute) {
        return source(type, own, attribute).ref();
    }
}
