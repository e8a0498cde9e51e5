package dev.browserstorage.processor.validation;

import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.processor.model.ValueType;
import dev.browserstorage.protect.KeyRing;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * How long a cookie's stored text can be, for the compile-time size check: the longest cookie form
 * of a type whose every value has a bounded one (measured with the runtime's own codecs on the
 * longest values of the type), and what sealing adds to a text ({@code docs/protected.md}).
 */
final class SealedSizes {
    private SealedSizes() {}

    /**
     * The most bytes a text of {@code n} bytes takes once sealed: the runtime's own bound ({@link
     * KeyRing#maxSealedBytes}), so that compile time and run time count alike.
     *
     * @param protection how it is sealed
     * @param n the text's length in UTF-8 bytes
     * @return the sealed text's length in bytes
     */
    static int sealed(Protection protection, int n) {
        return Math.toIntExact(KeyRing.maxSealedBytes(protection, n));
    }

    /**
     * The longest cookie form (percent-encoded, so ASCII: bytes = characters) of any value of a
     * type, where there is one.
     *
     * @param type a supported field type
     * @return the bound, or empty for types whose values can be any length (strings, decimals,
     *     collections, objects)
     */
    static OptionalInt maxCookieText(ValueType type) {
        return switch (type.kind()) {
            case BOOLEAN -> longest(Codecs.bool(), true, false);
            case BYTE -> longest(Codecs.byteValue(), Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> longest(Codecs.shortValue(), Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> longest(Codecs.integer(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> longest(Codecs.longValue(), Long.MIN_VALUE, Long.MAX_VALUE);
            // Float.toString and Double.toString: a sign, at most 9 (17) digits, a point and an exponent.
            case FLOAT -> longest(Codecs.floatValue(), -Float.MIN_NORMAL, -1.00000005E-10f, -1.1754944E-38f);
            case DOUBLE -> longest(Codecs.doubleValue(), -Double.MIN_NORMAL, -5.5496200219530864E-242);
            // One UTF-16 unit: at most 3 UTF-8 bytes, each %XX.
            case CHAR -> longest(Codecs.character(), '\uffff', '"');
            case UUID -> longest(Codecs.uuid(), new UUID(-1L, -1L));
            case INSTANT -> longest(Codecs.instant(), Instant.MAX, Instant.MIN);
            case LOCAL_DATE -> longest(Codecs.localDate(), LocalDate.MAX, LocalDate.MIN);
            case LOCAL_DATE_TIME -> longest(Codecs.localDateTime(), LocalDateTime.MAX, LocalDateTime.MIN);
            // A sign, 16 digits of hours, then -59M and -59.999999999S.
            case DURATION ->
                longest(
                        Codecs.duration(),
                        Duration.ofSeconds(-(1_000_000_000_000_000L * 3600 + 59 * 60 + 59), 1),
                        Duration.ofSeconds(Long.MIN_VALUE, 1));
            case ENUM ->
                type.enumConstants().stream()
                        .mapToInt(name -> Codecs.percentEncodeCookieValue(name).length())
                        .max();
            default -> OptionalInt.empty();
        };
    }

    @SafeVarargs
    private static <T> OptionalInt longest(ValueCodec<T> codec, T... values) {
        ValueCodec<T> cookie = Codecs.cookieForm(codec);
        return Arrays.stream(values).mapToInt(v -> cookie.encode(v).length()).max();
    }
}
