package dev.browserstorage.quarkus.deployment.protect;

import dev.browserstorage.protect.RejectedValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The app's observer of refused protected values, as an application writes one: it keeps what it heard. */
@ApplicationScoped
public class Rejections {
    /** What the observer heard, in order. */
    public static final BlockingQueue<RejectedValue> HEARD = new LinkedBlockingQueue<>();

    void heard(@ObservesAsync RejectedValue value) {
        HEARD.add(value);
    }
}
