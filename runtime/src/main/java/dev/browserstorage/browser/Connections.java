package dev.browserstorage.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections of a browser (one per open tab) and the one its batches go through: the newest.
 * When that one closes, the newest of the others takes over. Not thread safe: its {@link StorageTarget}
 * holds the lock, and sends under it, so that batches leave in id order.
 */
final class Connections {
    private static final System.Logger LOG = System.getLogger(Connections.class.getName());

    private final List<Transport> all = new ArrayList<>();
    private Transport current;

    /** A connection opened: it becomes the current one. */
    void add(Transport transport) {
        all.remove(transport);
        all.add(transport);
        current = transport;
    }

    /**
     * A connection closed.
     *
     * @return true if it was the current one (the newest other, if any, is current now)
     */
    boolean remove(Transport gone) {
        all.remove(gone);
        if (current != gone) {
            return false;
        }
        current = all.isEmpty() ? null : all.get(all.size() - 1);
        return true;
    }

    /** Every connection is gone. */
    void clear() {
        all.clear();
        current = null;
    }

    boolean isConnected() {
        return current != null;
    }

    /** Sends batches through the current connection, if any. */
    void send(Iterable<PendingBatches.Pending> batches, String browserId) {
        if (current == null) {
            return;
        }
        for (PendingBatches.Pending pending : batches) {
            try {
                current.send(pending.batch());
            } catch (RuntimeException e) {
                // The batch stays pending: a failed send is a lost connection, and a reconnect resends it.
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Sending batch " + pending.batch().id() + " to browser " + browserId + " failed",
                        e);
            }
        }
    }
}
