package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;

/** Creates the injectable instances of generated stores and the handlers that serve the browser its files. */
@Recorder
public class BrowserStorageRecorder {

    /**
     * How to create one generated store: once, bound to the current request's browser.
     *
     * @param storeClassName the generated store's binary name
     * @return the creator
     */
    public Function<SyntheticCreationalContext<Object>, Object> storeCreator(String storeClassName) {
        return context -> {
            BrowserSource source = context.getInjectedReference(CurrentBrowser.class);
            try {
                Class<?> type = Class.forName(
                        storeClassName, true, Thread.currentThread().getContextClassLoader());
                return type.getConstructor(BrowserSource.class).newInstance(source);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(
                        "Cannot create store " + storeClassName + ": rebuild it with the same"
                                + " browser-storage-processor version as the runtime",
                        e);
            }
        };
    }

    /**
     * The handler that serves the glue, {@code storage.js}: the core with the parts the application
     * uses and the limits of the run-time configuration it started with ({@link GlueScript}). With
     * form binding, the script then hands it the schemas of all the application's stores ({@code
     * BrowserStorage.define({...})}, as {@link #stores}): one script gives the page everything it
     * needs to fill bound form fields before first paint, with no second request. The ETag covers the
     * whole.
     *
     * @param schemas the class-path resources of the schemas, in a stable order
     * @param names the name each store's fields are bound by, in the same order
     * @param cookies whether the glue carries the cookie road
     * @param binding whether the glue carries form binding
     * @return the handler
     */
    public Handler<RoutingContext> glue(List<String> schemas, List<String> names, boolean cookies, boolean binding) {
        String text = composeGlue(cookies, binding, !schemas.isEmpty()).script();
        if (binding) {
            // U+2028 and U+2029 are valid in JSON strings but ended a line in JavaScript before ES2019.
            String stores = StoreSchemas.document(schemas, names, limits())
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
            text += "BrowserStorage.define(" + stores + ");\n";
        }
        return methods(new StaticText(text + GlueScript.SOURCE_MAP_COMMENT, "text/javascript; charset=utf-8"));
    }

    /**
     * The handler of {@code storage.js.map}, the source map of the glue's minified files.
     *
     * @param cookies whether the glue carries the cookie road
     * @param binding whether the glue carries form binding
     * @param stores whether the application has stores
     * @return the handler
     */
    public Handler<RoutingContext> glueSourceMap(boolean cookies, boolean binding, boolean stores) {
        return methods(new StaticText(composeGlue(cookies, binding, stores).sourceMap(), "application/json"));
    }

    /** The glue's parts: schema.js where bound fields or typed stores need its checks. */
    private static GlueScript.Composed composeGlue(boolean cookies, boolean binding, boolean stores) {
        Set<GlueScript.Part> parts = EnumSet.noneOf(GlueScript.Part.class);
        if (binding || stores) {
            parts.add(GlueScript.Part.SCHEMA);
        }
        if (cookies) {
            parts.add(GlueScript.Part.COOKIES);
        }
        if (binding) {
            parts.add(GlueScript.Part.BINDING);
        }
        return GlueScript.compose(parts, limits());
    }

    /** The limits of the run-time configuration: read when the application starts. */
    private static GlueScript.Limits limits() {
        BrowserStorageConfig config =
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(BrowserStorageConfig.class);
        return new GlueScript.Limits(config.maxValueBytes(), config.maxAreaUnits());
    }

    /**
     * The handler that serves the schemas of all the application's stores in one document ({@link
     * StoreSchemas#document}).
     *
     * @param schemas the class-path resources of the schemas, in a stable order
     * @param names the name each store's fields are bound by, in the same order
     * @return the handler
     */
    public Handler<RoutingContext> stores(List<String> schemas, List<String> names) {
        return methods(new StaticText(StoreSchemas.document(schemas, names, limits()), "application/json"));
    }

    /**
     * The handler of {@code <path>/cookie/<token>}: the commit URLs of HttpOnly cookies written over
     * the sync socket, whose response carries the {@code Set-Cookie}.
     *
     * @return the handler
     */
    public Handler<RoutingContext> cookieCommits() {
        return new CookieCommitHandler();
    }

    /**
     * The application's own WebSocket endpoints that resolve a browser.
     *
     * @param checked the endpoint ids whose handshake the Origin check applies to
     * @param crossOrigin the endpoint ids marked {@code @AllowCrossOrigin}
     * @return the bean's supplier
     */
    public java.util.function.Supplier<BrowserSockets> browserSockets(Set<String> checked, Set<String> crossOrigin) {
        BrowserSockets sockets = new BrowserSockets(Set.copyOf(checked), Set.copyOf(crossOrigin));
        return () -> sockets;
    }

    static Handler<RoutingContext> methods(Handler<RoutingContext> handler) {
        return context -> {
            switch (context.request().method().name()) {
                case "GET", "HEAD" -> handler.handle(context);
                default ->
                    context.response()
                            .setStatusCode(405)
                            .putHeader("Allow", "GET, HEAD")
                            .end();
            }
        };
    }

    static String resource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name + " is not on the class path: the browser-storage jars are incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
