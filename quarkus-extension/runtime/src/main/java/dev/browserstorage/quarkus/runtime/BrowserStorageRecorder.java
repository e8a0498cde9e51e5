package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.browser.BrowserSource;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.store.StoreDescriptor;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
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
     * The app's stores, each by its generated class's {@code DESCRIPTOR}, read when the
     * application starts.
     *
     * @param storeClassNames the generated stores' binary names
     * @param devKey base64 of the protection secret dev mode keeps across live reloads, or {@code
     *     null} outside dev mode
     * @return what makes the bean
     */
    public Supplier<AppStores> appStores(List<String> storeClassNames, String devKey) {
        return () -> {
            List<StoreDescriptor> descriptors = new ArrayList<>();
            for (String storeClassName : storeClassNames) {
                descriptors.add(AppStores.descriptorOf(storeClassName));
            }
            return new AppStores(
                    descriptors, devKey == null ? null : Base64.getDecoder().decode(devKey));
        };
    }

    /**
     * The files the browser is served, made once when the application starts: the glue ({@code
     * storage.js}: the core with the parts the application uses and the limits of the run-time
     * configuration it started with, {@link GlueScript}), its source map, and the schemas of all the
     * application's stores in one document ({@link StoreSchemas#document}). With form binding, the
     * glue then hands the page that document ({@code BrowserStorage.define({...})}): one script gives
     * the page everything it needs to fill bound form fields before first paint, with no second
     * request.
     *
     * @param schemas the class-path resources of the schemas, in a stable order
     * @param names the name each store's fields are bound by, in the same order
     * @param cookies whether the glue carries the cookie road
     * @param binding whether the glue carries form binding
     * @return the files
     */
    public RuntimeValue<ServedFiles> browserFiles(
            List<String> schemas, List<String> names, boolean cookies, boolean binding) {
        GlueScript.Limits limits = limits();
        GlueScript.Composed glue = composeGlue(cookies, binding, !schemas.isEmpty(), limits);
        String stores = StoreSchemas.document(schemas, names, limits);
        String script = glue.script();
        if (binding) {
            // U+2028 and U+2029 are valid in JSON strings but ended a line in JavaScript before ES2019.
            script += "BrowserStorage.define("
                    + stores.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                    + ");\n";
        }
        return new RuntimeValue<>(new ServedFiles(script + GlueScript.SOURCE_MAP_COMMENT, glue.sourceMap(), stores));
    }

    /**
     * What {@link #browserFiles} made.
     *
     * @param glue {@code storage.js}, ending with the line that names its source map
     * @param glueSourceMap {@code storage.js.map}
     * @param stores {@code stores.json}
     */
    public record ServedFiles(String glue, String glueSourceMap, String stores) {}

    /**
     * The handler that serves the glue, {@code storage.js}. The ETag covers the whole.
     *
     * @param files what {@link #browserFiles} made
     * @return the handler
     */
    public Handler<RoutingContext> glue(RuntimeValue<ServedFiles> files) {
        return methods(new StaticText(files.getValue().glue(), "text/javascript; charset=utf-8"));
    }

    /**
     * The handler of {@code storage.js.map}, the source map of the glue's minified files.
     *
     * @param files what {@link #browserFiles} made
     * @return the handler
     */
    public Handler<RoutingContext> glueSourceMap(RuntimeValue<ServedFiles> files) {
        return methods(new StaticText(files.getValue().glueSourceMap(), "application/json"));
    }

    /** The glue's parts: schema.js where bound fields or typed stores need its checks. */
    private static GlueScript.Composed composeGlue(
            boolean cookies, boolean binding, boolean stores, GlueScript.Limits limits) {
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
        return GlueScript.compose(parts, limits);
    }

    /** The limits of the run-time configuration: read when the application starts. */
    private static GlueScript.Limits limits() {
        BrowserStorageConfig config =
                ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(BrowserStorageConfig.class);
        return new GlueScript.Limits(config.maxValueBytes(), config.maxAreaUnits());
    }

    /**
     * The handler that serves the schemas of all the application's stores in one document ({@link
     * StoreSchemas#document}), {@code stores.json}.
     *
     * @param files what {@link #browserFiles} made
     * @return the handler
     */
    public Handler<RoutingContext> stores(RuntimeValue<ServedFiles> files) {
        return methods(new StaticText(files.getValue().stores(), "application/json"));
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
