package dev.browserstorage.quarkus.redis;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.shutdown.ShutdownListener;

/** Hands a stopping node's browsers over before Quarkus waits for its requests to finish. */
@Recorder
public class RedisShutdownRecorder {
    /**
     * A listener whose pre-shutdown step gives this node's browsers up and closes their sockets (a
     * sync socket is an open request, which the graceful shutdown would otherwise wait for until its
     * timeout); writes waiting for a browser's answer still get it, through the node it reconnects to.
     *
     * @return the listener
     */
    public ShutdownListener handOverFirst() {
        return new ShutdownListener() {
            @Override
            public void preShutdown(ShutdownNotification notification) {
                try {
                    var sharing = Arc.container().instance(RedisSharing.class);
                    if (sharing.isAvailable()) {
                        sharing.get().handOver();
                    }
                } finally {
                    notification.done();
                }
            }
        };
    }
}
