package dev.browserstorage.quarkus.deployment;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Dev UI's JSON-RPC socket, spoken by hand. Quarkus' {@code DevUIJsonRPCTest} answers only
 * results (it polls on for half a minute when the answer is an error) and only after a poll
 * interval of 3 s; this client hands back each answer, result or error, the moment it arrives.
 */
final class DevUiRpc implements AutoCloseable {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final String namespace;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    private DevUiRpc(WebSocketClient client, WebSocket socket, String namespace) {
        this.client = client;
        this.socket = socket;
        this.namespace = namespace;
        socket.textMessageHandler(text -> {
            JsonObject answer = new JsonObject(text);
            CompletableFuture<JsonObject> call = waiting.remove(answer.getInteger("id", -1));
            if (call != null) {
                call.complete(answer);
            }
        });
    }

    static DevUiRpc connect(Vertx vertx, URI base, String namespace) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        WebSocket socket = client.connect(new WebSocketConnectOptions()
                        .setHost(base.getHost())
                        .setPort(base.getPort())
                        .setURI("/q/dev-ui/json-rpc-ws"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return new DevUiRpc(client, socket, namespace);
    }

    /**
     * @return completes with the whole answer: {@code result} (its {@code object} is the method's
     *     return value) or {@code error}
     */
    CompletableFuture<JsonObject> call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        socket.writeTextMessage(new JsonObject()
                .put("jsonrpc", "2.0")
                .put("id", id)
                .put("method", namespace + "_" + method)
                .put("params", new JsonObject(params))
                .encode());
        return answer;
    }

    /** @return the error message of a call that must fail */
    String error(String method, Map<String, Object> params) throws Exception {
        JsonObject answer = call(method, params).get(20, TimeUnit.SECONDS);
        JsonObject error = answer.getJsonObject("error");
        if (error == null) {
            throw new AssertionError(method + " " + params + " succeeded: " + answer.encode());
        }
        return error.getString("message");
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
        try {
            socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }
}
