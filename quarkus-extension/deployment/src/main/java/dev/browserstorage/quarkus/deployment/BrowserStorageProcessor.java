package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.BrowserIdentity;
import dev.browserstorage.quarkus.BrowserStorageBuildTimeConfig;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.PageScripts;
import dev.browserstorage.quarkus.runtime.AppStores;
import dev.browserstorage.quarkus.runtime.BrowserCookiesProducer;
import dev.browserstorage.quarkus.runtime.BrowserIdFilter;
import dev.browserstorage.quarkus.runtime.BrowserIds;
import dev.browserstorage.quarkus.runtime.BrowserRegistry;
import dev.browserstorage.quarkus.runtime.BrowserStorageRecorder;
import dev.browserstorage.quarkus.runtime.CookieCommits;
import dev.browserstorage.quarkus.runtime.CurrentBrowser;
import dev.browserstorage.quarkus.runtime.IdRotation;
import dev.browserstorage.quarkus.runtime.OriginCheck;
import dev.browserstorage.quarkus.runtime.StoreServices;
import dev.browserstorage.quarkus.runtime.SyncEndpoint;
import dev.browserstorage.quarkus.runtime.UntypedStorageProducers;
import dev.browserstorage.quarkus.runtime.sharing.AloneSharing;
import dev.browserstorage.untyped.BrowserCookies;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.GeneratedBeanBuildItem;
import io.quarkus.arc.deployment.GeneratedBeanGizmoAdaptor;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalApplicationArchiveMarkerBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.LiveReloadBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.websockets.next.runtime.ConnectionManager;
import io.quarkus.websockets.next.runtime.WebSocketHttpServerOptionsCustomizer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.logging.Logger;

/** Build steps of the browser-storage extension. */
class BrowserStorageProcessor {
    private static final String FEATURE = "browser-storage";
    private static final Logger LOG = Logger.getLogger(BrowserStorageProcessor.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    void registerSyncEndpoint(
            BrowserStorageBuildTimeConfig config,
            BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<GeneratedBeanBuildItem> generated) {
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(
                        Browsers.class,
                        BrowserRegistry.class,
                        BrowserIds.class,
                        BrowserIdentity.class,
                        IdRotation.class,
                        CurrentBrowser.class,
                        BrowserIdFilter.class,
                        OriginCheck.class,
                        SyncEndpoint.class,
                        UntypedStorageProducers.class,
                        StoreServices.class,
                        AloneSharing.class)
                .setUnremovable()
                .build());
        // Not an application class: the socket lives beside the extension's runtime classes, where the
        // endpoint class websockets-next generates for it is loaded too.
        SyncSocketGenerator.write(
                new GeneratedBeanGizmoAdaptor(generated, name -> false), checkedPath(config) + "/sync");
        // websockets-next registers its server connection manager only when the application's own index
        // holds a @WebSocket class, which a generated one is not part of.
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(ConnectionManager.class, WebSocketHttpServerOptionsCustomizer.class)
                .setUnremovable()
                .build());
    }

    @BuildStep
    void configureWebSockets(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        // A hello carries the app's whole localStorage and sessionStorage (up to 2 x 5 Mi UTF-16 units),
        // and browsers send a message as one frame: Vert.x's defaults of 64 KiB per message and per
        // frame would drop it.
        String limit = String.valueOf(24 * 1024 * 1024);
        defaults.produce(
                new RunTimeConfigurationDefaultBuildItem("quarkus.websockets-next.server.max-message-size", limit));
        defaults.produce(
                new RunTimeConfigurationDefaultBuildItem("quarkus.websockets-next.server.max-frame-size", limit));
    }

    /**
     * Has Quarkus index every jar that holds stores, as it indexes the application: only then are a
     * library's generated stores in the class index, where {@link #discoverStores} finds them.
     */
    @BuildStep
    AdditionalApplicationArchiveMarkerBuildItem indexStoreJars() {
        return new AdditionalApplicationArchiveMarkerBuildItem(StoreIndex.STORE_JAR_MARKER);
    }

    @BuildStep
    StoresBuildItem discoverStores(CombinedIndexBuildItem index) {
        StoreIndex.Found found =
                StoreIndex.read(index.getIndex(), Thread.currentThread().getContextClassLoader());
        found.stale().forEach(LOG::warn);
        return new StoresBuildItem(found.stores(), found.missingSchemas());
    }

    @BuildStep
    void validateStores(
            StoresBuildItem stores, BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        for (String missing : stores.missingSchemas()) {
            errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(new IllegalStateException(missing)));
        }
        for (String clash : StoreIndex.clashes(stores.stores())) {
            errors.produce(new ValidationPhaseBuildItem.ValidationErrorBuildItem(
                    new IllegalStateException("browser-storage: " + clash)));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void registerStores(
            StoreNamesBuildItem names,
            StoresBuildItem stores,
            LaunchModeBuildItem launchMode,
            LiveReloadBuildItem liveReload,
            BrowserStorageRecorder recorder,
            BuildProducer<SyntheticBeanBuildItem> beans,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        // Every store's DESCRIPTOR, for the upkeep of versioned stores and the check of protected fields.
        beans.produce(SyntheticBeanBuildItem.configure(AppStores.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.appStores(
                        stores.stores().stream()
                                .map(StoreIndex.Store::storeClass)
                                .toList(),
                        DevModeKeysProcessor.protectionKey(launchMode, liveReload)))
                .setRuntimeInit()
                .done());
        for (StoreIndex.Store store : stores.stores()) {
            SyntheticBeanBuildItem.ExtendedBeanConfigurator bean =
                    SyntheticBeanBuildItem.configure(DotName.createSimple(store.storeClass()));
            // Named for Qute's {inject:<name>.<field>}; StoreTemplatesProcessor settles the names.
            names.nameOf(store.storeClass()).ifPresent(bean::named);
            beans.produce(bean.scope(Singleton.class)
                    .unremovable()
                    .addInjectionPoint(ClassType.create(DotName.createSimple(CurrentBrowser.class)))
                    .createWith(recorder.storeCreator(store.storeClass()))
                    .setRuntimeInit()
                    .done());
            reflection.produce(ReflectiveClassBuildItem.builder(store.storeClass())
                    .constructors()
                    .fields()
                    .build());
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void serveBrowserFiles(
            BrowserStorageBuildTimeConfig config,
            StoresBuildItem stores,
            CombinedIndexBuildItem index,
            BrowserStorageRecorder recorder,
            BuildProducer<RouteBuildItem> routes) {
        String path = checkedPath(config);
        List<String> schemas =
                stores.stores().stream().map(StoreIndex.Store::schema).toList();
        boolean cookies = config.glue().cookies().orElseGet(() -> usesCookies(stores, index.getIndex()));
        boolean binding =
                config.glue().binding().orElseGet(() -> !stores.stores().isEmpty());
        List<String> names = stores.stores().stream()
                .map(StoreTemplatesProcessor::bindingName)
                .toList();
        RuntimeValue<BrowserStorageRecorder.ServedFiles> files =
                recorder.browserFiles(schemas, names, cookies, binding);
        routes.produce(RouteBuildItem.builder()
                .route(path + "/storage.js")
                .handler(recorder.glue(files))
                .build());
        routes.produce(RouteBuildItem.builder()
                .route(path + "/storage.js.map")
                .handler(recorder.glueSourceMap(files))
                .build());
        routes.produce(RouteBuildItem.builder()
                .route(path + "/stores.json")
                .handler(recorder.stores(files))
                .build());
    }

    /**
     * Whether the glue needs its cookie road: the application has {@code @Cookie} stores, or one of
     * its own classes refers to {@link BrowserCookies} (an injection point, an {@code Instance} or a
     * programmatic lookup all leave the class in its constant pool). The library's own classes that
     * refer to it do not count.
     */
    static boolean usesCookies(StoresBuildItem stores, IndexView index) {
        return stores.stores().stream().anyMatch(store -> store.area().equals("cookie"))
                || index.getKnownUsers(BROWSER_COOKIES).stream()
                        .anyMatch(user -> !LIBRARY_PACKAGES.contains(user.name().packagePrefix()));
    }

    private static final DotName BROWSER_COOKIES = DotName.createSimple(BrowserCookies.class);

    /** The packages of browser-storage's runtime jars. */
    private static final Set<String> LIBRARY_PACKAGES = Set.of(
            "dev.browserstorage",
            "dev.browserstorage.codec",
            "dev.browserstorage.cookie",
            "dev.browserstorage.protocol",
            "dev.browserstorage.browser",
            "dev.browserstorage.store",
            "dev.browserstorage.testing",
            "dev.browserstorage.quarkus",
            "dev.browserstorage.quarkus.runtime");

    private static String checkedPath(BrowserStorageBuildTimeConfig config) {
        String path = config.path();
        if (!path.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]") || path.contains("//")) {
            throw new ConfigurationException(
                    "quarkus.browser-storage.path is '" + path + "': it must start with '/', not end"
                            + " with one and hold only URL path characters, such as /_storage");
        }
        return path;
    }

    // ---------------------------------------------------------------- cookies (issue #4)

    @BuildStep
    AdditionalBeanBuildItem registerCookieBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(CookieCommits.class, BrowserCookiesProducer.class)
                .setUnremovable()
                .build();
    }

    /** HttpOnly cookies written over the socket are set by the response of a commit URL under the base path. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void serveCookieCommits(
            BrowserStorageBuildTimeConfig config,
            BrowserStorageRecorder recorder,
            BuildProducer<RouteBuildItem> routes) {
        routes.produce(RouteBuildItem.builder()
                .route(config.path() + "/cookie/:token")
                .handler(recorder.cookieCommits())
                .build());
    }

    // ---------------------------------------------------------------- page scripts (issue #5)

    /** The script tags of a page, with the browser's pending writes; used by the Qute tag and usable without Qute. */
    @BuildStep
    AdditionalBeanBuildItem registerPageScripts() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(PageScripts.class)
                .setUnremovable()
                .build();
    }
}
