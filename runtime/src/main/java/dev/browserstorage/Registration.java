package dev.browserstorage;

/** A listener's subscription; {@link #remove()} ends it. Removing twice does nothing. */
@FunctionalInterface
public interface Registration extends AutoCloseable {
    /** Stops delivering changes to the listener. */
    void remove();

    /** Same as {@link #remove()}, for try-with-resources. */
    @Override
    default void close() {
        remove();
    }
}
