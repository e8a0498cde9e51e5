package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.session.SessionSource;
import io.quarkus.arc.SyntheticCreationalContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.function.Function;

/** Creates the injectable instances of generated stores. */
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
            SessionSource source = context.getInjectedReference(CurrentBrowser.class);
            try {
                Class<?> type = Class.forName(storeClassName, true, Thread.currentThread().getContextClassLoader());
                return type.getConstructor(SessionSource.class).newInstance(source);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot create store " + storeClassName + ": rebuild it with the same"
                        + " browser-storage-processor version as the runtime", e);
            }
        };
    }
}
