package dev.browserstorage.demo;

import dev.browserstorage.protect.RejectedValue;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Hears of every protected value the server refused (a forged plan, an edited note): what an app
 * would count, alert on or audit. Keeps the last few for the demo's page.
 */
@ApplicationScoped
public class RejectedValues {
    private static final int KEPT = 20;
    private final Deque<RejectedValue> recent = new ArrayDeque<>();

    void onRejected(@ObservesAsync RejectedValue rejected) {
        Log.infof(
                "Refused %s of %s (%s): %s", rejected.key(), rejected.storeType(), rejected.area(), rejected.reason());
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(rejected);
        }
    }

    /** @return the refused values, oldest first */
    public List<RejectedValue> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
