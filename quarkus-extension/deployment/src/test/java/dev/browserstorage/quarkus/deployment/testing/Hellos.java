package dev.browserstorage.quarkus.deployment.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** The frames the tests of protected and versioned stores send and read. */
public final class Hellos {
    private Hellos() {}

    /** Sends a hello carrying localStorage values, and reads the welcome. */
    public static void hello(SyncClient browser, JsonObject local) throws InterruptedException {
        browser.send(new JsonObject()
                .put("t", "hello")
                .put("v", 1)
                .put("app", "test")
                .put("page", "http://localhost/")
                .put("local", local)
                .put("cookies", "")
                .put("applied", 0));
        assertThat(browser.next().getString("t")).isEqualTo("welcome");
    }

    /** Reads the next batch, acknowledges it as the glue would, and returns its writes by key (null: removed). */
    public static Map<String, String> ackedBatch(SyncClient browser) throws InterruptedException {
        JsonObject batch = browser.next();
        assertThat(batch.getString("t")).as(batch.encode()).isEqualTo("batch");
        browser.send(new JsonObject().put("t", "ack").put("id", batch.getLong("id")));
        Map<String, String> writes = new LinkedHashMap<>();
        batch.getJsonArray("writes").forEach(write -> {
            JsonObject one = (JsonObject) write;
            writes.put(one.getString("key"), one.getString("value"));
        });
        return writes;
    }
}
