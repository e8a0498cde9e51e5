package dev.browserstorage.processor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.codec.Codecs;
import dev.browserstorage.codec.ValueCodec;
import dev.browserstorage.processor.model.ValueType;
import dev.browserstorage.processor.model.ValueTypes;
import dev.browserstorage.protect.Protection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The compile-time bounds of cookie texts hold for the runtime's codecs, and sealing adds what the design says. */
class SealedSizesTest {
    private static final int SAMPLES = 50_000;

    @Test
    void sealingAddsTheDocumentedOverhead() {
        assertThat(SealedSizes.sealed(Protection.NONE, 10)).isEqualTo(10);
        assertThat(SealedSizes.sealed(Protection.SIGNED, 10)).isEqualTo(77);
        // 2+8+1+11+1 + ceil((12+10+16)*4/3) = 23 + 51
        assertThat(SealedSizes.sealed(Protection.ENCRYPTED, 10)).isEqualTo(74);
        // 12+2+16 = 30 bytes: exactly 40 characters
        assertThat(SealedSizes.sealed(Protection.ENCRYPTED, 2)).isEqualTo(63);
    }

    @Test
    void noRandomValueHasALongerCookieFormThanItsBound() {
        Random random = new Random(18);
        check(ValueType.Kind.LONG, Codecs.longValue(), r -> r.nextLong(), random);
        check(ValueType.Kind.INT, Codecs.integer(), r -> r.nextInt(), random);
        check(ValueType.Kind.DOUBLE, Codecs.doubleValue(), SealedSizesTest::finiteDouble, random);
        check(ValueType.Kind.FLOAT, Codecs.floatValue(), SealedSizesTest::finiteFloat, random);
        check(ValueType.Kind.CHAR, Codecs.character(), r -> (char) r.nextInt(0xD800), random);
        check(ValueType.Kind.UUID, Codecs.uuid(), r -> new UUID(r.nextLong(), r.nextLong()), random);
        check(
                ValueType.Kind.INSTANT,
                Codecs.instant(),
                r -> Instant.ofEpochSecond(
                        r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        r.nextInt(1_000_000_000)),
                random);
        check(
                ValueType.Kind.LOCAL_DATE_TIME,
                Codecs.localDateTime(),
                r -> LocalDateTime.ofEpochSecond(
                        r.nextLong(LocalDate.MIN.toEpochDay() * 86_400, LocalDate.MAX.toEpochDay() * 86_400),
                        r.nextInt(1_000_000_000),
                        ZoneOffset.UTC),
                random);
        check(
                ValueType.Kind.DURATION,
                Codecs.duration(),
                r -> Duration.ofSeconds(r.nextLong(), r.nextInt(1_000_000_000)),
                random);
    }

    private static double finiteDouble(Random random) {
        double value;
        do {
            value = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(value));
        return value;
    }

    private static float finiteFloat(Random random) {
        float value;
        do {
            value = Float.intBitsToFloat(random.nextInt());
        } while (!Float.isFinite(value));
        return value;
    }

    private static <T> void check(ValueType.Kind kind, ValueCodec<T> codec, Function<Random, T> values, Random random) {
        int bound = SealedSizes.maxCookieText(ValueTypes.scalar(kind)).orElseThrow();
        ValueCodec<T> cookie = Codecs.cookieForm(codec);
        for (int i = 0; i < SAMPLES; i++) {
            T value = values.apply(random);
            assertThat(cookie.encode(value).length()).as("%s %s", kind, value).isLessThanOrEqualTo(bound);
        }
    }
}
