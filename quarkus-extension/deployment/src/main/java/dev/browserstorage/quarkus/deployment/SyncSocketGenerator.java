package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.runtime.SyncEndpoint;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.FieldCreator;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import java.lang.reflect.Modifier;

/**
 * Writes the sync socket's {@code @WebSocket} class. websockets-next takes an endpoint's path from
 * the annotation in the class file (no config expressions, no annotation transformers), so a path
 * that follows {@code quarkus.browser-storage.path} needs a class written for it. The class holds no
 * logic: each callback hands over to {@link SyncEndpoint}.
 */
final class SyncSocketGenerator {
    /** The generated class, in the runtime's package so that its bean sits beside the endpoint it calls. */
    static final String CLASS_NAME = "dev.browserstorage.quarkus.runtime.SyncSocket";

    private SyncSocketGenerator() {}

    static void write(ClassOutput output, String path) {
        try (ClassCreator socket =
                ClassCreator.builder().classOutput(output).className(CLASS_NAME).build()) {
            socket.addAnnotation(WebSocket.class).add("path", path).add("endpointId", SyncEndpoint.ENDPOINT_ID);
            // Public: ArC's bean class for it may be loaded by another class loader than the socket.
            FieldCreator endpoint =
                    socket.getFieldCreator("endpoint", SyncEndpoint.class).setModifiers(Modifier.PUBLIC);
            endpoint.addAnnotation(Inject.class);

            delegate(socket, endpoint, OnOpen.class, "open", WebSocketConnection.class);
            delegate(socket, endpoint, OnTextMessage.class, "message", String.class, WebSocketConnection.class);
            delegate(socket, endpoint, OnClose.class, "close", WebSocketConnection.class);
            delegate(socket, endpoint, OnError.class, "error", IllegalStateException.class, WebSocketConnection.class);
        }
    }

    private static void delegate(
            ClassCreator socket, FieldCreator endpoint, Class<?> callback, String name, Class<?>... parameters) {
        MethodCreator method =
                socket.getMethodCreator(name, void.class, (Object[]) parameters).setModifiers(Modifier.PUBLIC);
        method.addAnnotation(callback);
        // The handlers never block: frames of one connection are handled in order on its event loop.
        method.addAnnotation(NonBlocking.class);
        ResultHandle target = method.readInstanceField(endpoint.getFieldDescriptor(), method.getThis());
        ResultHandle[] arguments = new ResultHandle[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = method.getMethodParam(i);
        }
        method.invokeVirtualMethod(
                MethodDescriptor.ofMethod(SyncEndpoint.class, name, void.class, (Object[]) parameters),
                target,
                arguments);
        method.returnValue(null);
    }
}
