package dev.browserstorage.quarkus.deployment.testing;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Plain Vert.x routes for test apps that use injected stores: such a route runs outside CDI's
 * request context, so it activates one and names its request, as a REST resource or a reactive
 * route has it done for them. An exception becomes a 500 whose body is its message, as an app's
 * error page could show it.
 */
public final class RequestRoutes {
    private RequestRoutes() {}

    public static void answer(RoutingContext context, Function<RoutingContext, String> body) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        try {
            Arc.container().instance(CurrentVertxRequest.class).get().setCurrent(context);
            String text = body.apply(context);
            context.response()
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(text);
        } catch (RuntimeException e) {
            context.response().setStatusCode(500).end(String.valueOf(e));
        } finally {
            requestContext.terminate();
        }
    }
}
