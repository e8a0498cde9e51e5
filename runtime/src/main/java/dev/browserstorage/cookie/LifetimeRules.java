package dev.browserstorage.cookie;

import java.time.Duration;
import java.time.Instant;

/**
 * A cookie's lifetime: one of {@code maxAge} and {@code expires}, never both, and at most {@link
 * CookieRules#MAX_LIFETIME}, to which a longer one is shortened as browsers shorten it.
 */
final class LifetimeRules {
    private static final long SECONDS_PER_DAY = 86_400;

    private LifetimeRules() {}

    /** Not both {@code maxAge} and {@code expires}. */
    static void checkOneLifetime(String name, CookieOptions options) {
        if (options.maxAge().isPresent() && options.expires().isPresent()) {
            Refusals.fail(
                    CookieRule.EXPIRES_AND_MAX_AGE,
                    name,
                    Refusals.subject(name) + " sets both maxAge "
                            + describe(options.maxAge().get()) + " and expires "
                            + options.expires().get(),
                    "Keep only one of them.");
        }
    }

    /** See {@link CookieRules#capLifetime}. */
    static CookieOptions cap(CookieOptions options, Instant now) {
        boolean maxAgeTooLong = options.maxAge()
                .filter(maxAge -> maxAge.compareTo(CookieRules.MAX_LIFETIME) > 0)
                .isPresent();
        Instant latest = now.plus(CookieRules.MAX_LIFETIME);
        boolean expiresTooLate =
                options.expires().filter(expires -> expires.isAfter(latest)).isPresent();
        if (!maxAgeTooLong && !expiresTooLate) {
            return options;
        }
        CookieOptions.Builder capped = options.toBuilder();
        if (maxAgeTooLong) {
            capped.maxAge(CookieRules.MAX_LIFETIME);
        }
        if (expiresTooLate) {
            capped.expires(latest);
        }
        return capped.build();
    }

    /** A lifetime of a day or more in seconds with the days spelled out: "34560001 s (400 days + 1 s)". */
    private static String describe(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.isNegative() || seconds < SECONDS_PER_DAY) {
            return duration.toString();
        }
        long days = seconds / SECONDS_PER_DAY;
        long rest = seconds % SECONDS_PER_DAY;
        String nanos = duration.getNano() == 0 ? "" : " + " + duration.getNano() + " ns";
        return seconds + " s (" + days + " days" + (rest == 0 ? "" : " + " + rest + " s") + nanos + ")";
    }
}
