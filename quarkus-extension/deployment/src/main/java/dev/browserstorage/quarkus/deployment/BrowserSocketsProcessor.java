package dev.browserstorage.quarkus.deployment;

import dev.browserstorage.quarkus.AllowCrossOrigin;
import dev.browserstorage.quarkus.BrowserIdentity;
import dev.browserstorage.quarkus.runtime.BrowserSockets;
import dev.browserstorage.quarkus.runtime.BrowserStorageRecorder;
import dev.browserstorage.untyped.BrowserCookies;
import dev.browserstorage.untyped.BrowserLocalStorage;
import dev.browserstorage.untyped.BrowserSessionStorage;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.websockets.next.WebSocket;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Type;

/**
 * Finds the application's own WebSocket endpoints that resolve a browser, so that their handshakes
 * get the sync socket's Origin check ({@code OriginCheck}), and those opted out with {@link
 * AllowCrossOrigin}.
 */
class BrowserSocketsProcessor {
    private static final DotName WEB_SOCKET = DotName.createSimple(WebSocket.class);
    private static final DotName ALLOW_CROSS_ORIGIN = DotName.createSimple(AllowCrossOrigin.class);
    private static final Set<DotName> BROWSER_TYPES = Set.of(
            DotName.createSimple(BrowserCookies.class),
            DotName.createSimple(BrowserLocalStorage.class),
            DotName.createSimple(BrowserSessionStorage.class),
            DotName.createSimple(BrowserIdentity.class));

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem findBrowserSockets(
            CombinedIndexBuildItem index, StoresBuildItem stores, BrowserStorageRecorder recorder) {
        Set<DotName> browserTypes = new HashSet<>(BROWSER_TYPES);
        stores.stores().forEach(store -> browserTypes.add(DotName.createSimple(store.storeClass())));
        Set<String> checked = new TreeSet<>();
        Set<String> crossOrigin = new TreeSet<>();
        for (AnnotationInstance socket : index.getIndex().getAnnotations(WEB_SOCKET)) {
            if (socket.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo endpoint = socket.target().asClass();
            AnnotationValue id = socket.value("endpointId");
            String endpointId = id == null || id.asString().equals(WebSocket.FCQN_NAME)
                    ? endpoint.name().toString()
                    : id.asString();
            if (endpoint.hasDeclaredAnnotation(ALLOW_CROSS_ORIGIN)) {
                crossOrigin.add(endpointId);
            } else if (injectsBrowser(endpoint, browserTypes)) {
                checked.add(endpointId);
            }
        }
        return SyntheticBeanBuildItem.configure(BrowserSockets.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.browserSockets(checked, crossOrigin))
                .done();
    }

    /** Whether a field, a constructor or a method of the endpoint takes a type that resolves a browser. */
    private static boolean injectsBrowser(ClassInfo endpoint, Set<DotName> browserTypes) {
        Stream<Type> fields = endpoint.fields().stream().map(field -> field.type());
        Stream<Type> parameters = endpoint.methods().stream().flatMap(method -> method.parameterTypes().stream());
        return Stream.concat(fields, parameters).anyMatch(type -> refersTo(type, browserTypes));
    }

    /** A type, or a type argument of it ({@code Instance<PrefsStore>}), that is one of the browser types. */
    private static boolean refersTo(Type type, Set<DotName> browserTypes) {
        if (browserTypes.contains(type.name())) {
            return true;
        }
        return type.kind() == Type.Kind.PARAMETERIZED_TYPE
                && type.asParameterizedType().arguments().stream()
                        .anyMatch(argument -> refersTo(argument, browserTypes));
    }
}
