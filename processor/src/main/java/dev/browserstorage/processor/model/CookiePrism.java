package dev.browserstorage.processor.model;

import dev.browserstorage.annotation.SameSite;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * One {@code @Cookie} read once into typed values, written or default, with the annotation kept so
 * a diagnostic can still point at the attribute that is wrong.
 *
 * @param ref the annotation on its element
 * @param prefix {@code prefix} (meaningful on the type only)
 * @param values the cookie attributes it gives
 */
public record CookiePrism(AnnotationRef ref, String prefix, CookieValues values) {

    /**
     * Reads an {@code @Cookie}.
     *
     * @param ref the annotation
     * @return its values
     */
    public static CookiePrism of(AnnotationRef ref) {
        return new CookiePrism(
                ref,
                ref.string("prefix"),
                new CookieValues(
                        ref.string("maxAge"),
                        ref.string("path"),
                        ref.string("domain"),
                        ref.bool("secure"),
                        SameSite.valueOf(ref.enumConstant("sameSite")),
                        ref.bool("partitioned"),
                        ref.bool("httpOnly")));
    }

    /**
     * The value of an attribute as written in the source, for a diagnostic to point at.
     *
     * @param attribute the attribute's name
     * @return its value, or empty where the default applies
     */
    public Optional<AnnotationValue> explicit(String attribute) {
        return ref.explicit(attribute);
    }
}
