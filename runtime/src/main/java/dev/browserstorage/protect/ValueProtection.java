package dev.browserstorage.protect;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a browser's copy needs to seal and open protected values: the app's key ring and where a
 * refused value is reported.
 *
 * @param keys the key ring
 * @param rejected receives each refused value (besides the warning logged)
 */
public record ValueProtection(KeyRing keys, Consumer<RejectedValue> rejected) {
    /** Checks the parts. */
    public ValueProtection {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(rejected, "rejected");
    }

    /**
     * The default where none is configured: one random key for this process (made once), refusals
     * only logged. Values it sealed cannot be opened by another process or after a restart.
     *
     * @return the process's default protection
     */
    public static ValueProtection ephemeral() {
        return Ephemeral.PROTECTION;
    }

    /** Made on first use: a process that protects no value draws no random key. */
    private static final class Ephemeral {
        // The store layer logs a warning for each refused value; nobody else listens here.
        static final ValueProtection PROTECTION = new ValueProtection(KeyRing.random(), rejectedValue -> {});
    }
}
