package dev.browserstorage.processor.model;

/**
 * A type a POJO refers to does not exist yet, maybe because another processor generates it in a
 * later round. The POJO is deferred and looked at again, by name, in the next round.
 */
public final class MissingTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String missing;

    /**
     * Creates the exception.
     *
     * @param missing the missing type as javac shows it
     */
    public MissingTypeException(String missing) {
        super("Missing type " + missing, null, false, false);
        this.missing = missing;
    }

    /** @return the missing type as javac shows it */
    public String missing() {
        return missing;
    }
}
