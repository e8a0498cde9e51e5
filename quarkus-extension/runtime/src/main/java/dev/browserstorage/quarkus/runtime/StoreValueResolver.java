package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.store.StoreField;
import dev.browserstorage.store.TypedStore;
import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.ValueResolver;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads generated stores in Qute templates without ever throwing for want of the browser's state:
 * {@code {prefs.theme}} is the value the server knows, or the field's default where it does not
 * know it yet (a browser's first page, before its socket has sent what the browser holds), and
 * {@code {prefs.known}} says which of the two a page got (docs/templates.md).
 *
 * <p>It takes precedence over the resolvers Qute generates for the store classes, which would call
 * the throwing getters. Other names (the store's methods) are left to those. Like {@link
 * BrowserStorageSection}, it is indexed only in applications that have Qute.
 */
@EngineConfiguration
public class StoreValueResolver implements ValueResolver {
    /** Above the priority of the resolvers Qute generates for classes (10) and of template extensions (5). */
    static final int PRIORITY = 20;

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public boolean appliesTo(EvalContext context) {
        return context.getBase() instanceof TypedStore && context.getParams().isEmpty();
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        TypedStore store = (TypedStore) context.getBase();
        String name = context.getName();
        Optional<StoreField<?>> field = store.descriptor().field(name);
        if (field.isPresent()) {
            return CompletedStage.of(store.getOrDefault(field.get()));
        }
        // A POJO field named "known" takes the name; "isKnown" still answers then.
        if (name.equals("known") || name.equals("isKnown")) {
            return CompletedStage.of(store.isKnown());
        }
        return Results.notFound(context);
    }
}
