package dev.browserstorage.demo;

import dev.browserstorage.BrowserStorageException;
import dev.browserstorage.NotHydratedException;
import dev.browserstorage.QuotaExceededException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns the typed storage exceptions into HTTP answers, whether a store threw them at once (a value
 * over a limit, a read before the browser connected) or failed a write's stage with them later (the
 * browser refused the write).
 */
public class StorageErrors {

    /**
     * A read before the browser's glue sent what it holds.
     *
     * @param e the exception
     * @return 409 Conflict
     */
    @ServerExceptionMapper
    public Response notHydrated(NotHydratedException e) {
        return toResponse(e);
    }

    /**
     * A write over a limit, refused before anything was sent, or refused by the browser.
     *
     * @param e the exception
     * @return 413 Content Too Large
     */
    @ServerExceptionMapper
    public Response quotaExceeded(QuotaExceededException e) {
        return toResponse(e);
    }

    /**
     * Any other storage failure: the browser disconnected, refused a cookie, has storage disabled.
     *
     * @param e the exception
     * @return 409 Conflict
     */
    @ServerExceptionMapper
    public Response storageFailed(BrowserStorageException e) {
        return toResponse(e);
    }

    /**
     * The answer to a write once the browser has acknowledged it, or the error it failed with.
     *
     * @param ack the write's stage, as a store returned it
     * @param body the answer's body on success
     * @return 200 with the body after the ack, or the error's answer
     */
    static CompletionStage<Response> afterAck(CompletionStage<Void> ack, Object body) {
        return ack.handle((ok, failure) -> {
            if (failure == null) {
                return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
            }
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof BrowserStorageException storage) {
                return toResponse(storage);
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }

    static Response toResponse(BrowserStorageException e) {
        if (e instanceof QuotaExceededException) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large", e.getMessage());
        }
        if (e instanceof NotHydratedException) {
            return error(
                    Response.Status.CONFLICT,
                    "not-hydrated",
                    "This browser has not sent its storage yet: open the"
                            + " page that loads /_storage/storage.js and wait for its browser-storage:ready event. ("
                            + e.getMessage()
                            + ")");
        }
        return error(Response.Status.CONFLICT, "storage", e.getMessage());
    }

    static Response error(Response.Status status, String code, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message))
                .build();
    }
}
