package dev.browserstorage.processor.model;

import dev.browserstorage.protect.Protection;
import java.util.Optional;

/**
 * The {@code @Signed} and {@code @Encrypted} on one element (a field, its getter or record component,
 * or the store type). Both at once is an error the validator reports.
 *
 * @param signed the {@code @Signed}, if present
 * @param encrypted the {@code @Encrypted}, if present
 */
public record Protections(Optional<AnnotationRef> signed, Optional<AnnotationRef> encrypted) {

    /** @return true if the element declares a protection */
    public boolean declared() {
        return signed.isPresent() || encrypted.isPresent();
    }

    /** @return true if the element has both annotations (an error) */
    public boolean both() {
        return signed.isPresent() && encrypted.isPresent();
    }

    /**
     * The protection the element declares: encrypted where it has {@code @Encrypted} (also when it
     * has both, which is reported), else signed where it has {@code @Signed}.
     *
     * @return the protection, or empty where it declares none
     */
    public Optional<Protection> protection() {
        if (encrypted.isPresent()) {
            return Optional.of(Protection.ENCRYPTED);
        }
        return signed.map(ref -> Protection.SIGNED);
    }
}
