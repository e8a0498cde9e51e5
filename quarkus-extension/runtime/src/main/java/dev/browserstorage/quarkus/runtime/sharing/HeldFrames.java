package dev.browserstorage.quarkus.runtime.sharing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The frames to one socket, held back while the owner of a shared browser stores the snapshot a
 * hello brought: a page that got its {@code welcome} can then be read from every node. Frames keep
 * their order; thread safe.
 */
public final class HeldFrames implements Consumer<String> {
    private final Consumer<String> out;
    private List<String> held;

    /** @param out sends a frame to the socket */
    public HeldFrames(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String frame) {
        if (held != null) {
            held.add(frame);
        } else {
            out.accept(frame);
        }
    }

    /** Holds the frames from now on. */
    public synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** Sends the frames held, in order, and the next ones at once. */
    public synchronized void release() {
        if (held != null) {
            held.forEach(out);
            held = null;
        }
    }
}
