package dev.browserstorage.demo;

import dev.browserstorage.Registration;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.quarkus.BrowserIdentity;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.store.ValueChange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live feed of the changes to the calling browser's preferences and notification settings, as
 * Server-Sent Events: what a server-side listener hears, shown to whoever asks (a dashboard, another
 * device of the user, a test).
 *
 * <p>For the request's browser it registers a typed listener on {@link PreferencesStore} and on
 * {@link NotificationsStore}, each bound to that browser (the injected stores follow the call in
 * progress, and a listener runs later, outside it). The stream's first event, {@code ready}, says
 * the listeners are in place; then each change heard is a {@code change} event whose data is a
 * {@link FieldChange}: a bound field or page script in the browser ({@code BROWSER}), a server write
 * ({@code SERVER_WRITE}), a write the browser refused being taken back ({@code ROLLBACK}), or a
 * reconnecting browser that differs from what the server knew ({@code HYDRATION}). When the client
 * goes away (or the stream ends) the listeners are removed.
 *
 * <p>With several servers sharing browsers (the Redis module), the stream may be on any of them:
 * each server's copy of the browser hears every change, whichever server holds the browser's socket.
 */
@Path("/api/changes")
@ApplicationScoped
public class ChangeFeedResource {
    /** How many change events may wait for a slow client; past it the stream ends (and its listeners go). */
    static final int MAX_UNSENT_EVENTS = 256;

    private final AtomicInteger listening = new AtomicInteger();

    @Inject
    BrowserIdentity identity;

    @Inject
    Browsers browsers;

    /**
     * One change heard, as the {@code change} event's JSON data.
     *
     * @param store the store's namespace: {@code prefs} or {@code notify}
     * @param field the Java field's name
     * @param value the new value, typed (the field's default when it was removed)
     * @param source why it changed: {@code BROWSER}, {@code SERVER_WRITE}, {@code ROLLBACK} or {@code HYDRATION}
     */
    public record FieldChange(String store, String field, Object value, String source) {
        static FieldChange of(String store, ValueChange<?> change) {
            return new FieldChange(
                    store, change.field(), change.newValue(), change.source().name());
        }
    }

    /**
     * Streams the changes of the calling browser's preferences and notification settings until the
     * client goes away.
     *
     * @param sse makes the events
     * @return a {@code ready} event, then a {@code change} event per change heard
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> changes(@Context Sse sse) {
        // Resolved now, inside the request: the listeners run later, on whatever thread made the change.
        Browser browser = browsers.get(identity.id());
        return Multi.createFrom()
                .emitter(
                        (MultiEmitter<? super OutboundSseEvent> emitter) -> {
                            List<Registration> registrations = List.of(
                                    new PreferencesStore(browser)
                                            .onChange(change -> emitter.emit(event(sse, "prefs", change))),
                                    new NotificationsStore(browser)
                                            .onChange(change -> emitter.emit(event(sse, "notify", change))));
                            listening.incrementAndGet();
                            emitter.onTermination(() -> {
                                registrations.forEach(Registration::remove);
                                listening.decrementAndGet();
                            });
                            emitter.emit(sse.newEventBuilder()
                                    .name("ready")
                                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                                    .data(String.class, "listening")
                                    .build());
                        },
                        MAX_UNSENT_EVENTS);
    }

    /** @return how many feeds are open on this server now (each holds two listeners) */
    public int listening() {
        return listening.get();
    }

    private static OutboundSseEvent event(Sse sse, String store, ValueChange<?> change) {
        return sse.newEventBuilder()
                .name("change")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(FieldChange.class, FieldChange.of(store, change))
                .build();
    }
}
