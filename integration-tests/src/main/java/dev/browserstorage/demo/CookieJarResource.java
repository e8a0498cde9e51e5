package dev.browserstorage.demo;

import dev.browserstorage.cookie.CookieListItem;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.untyped.BrowserCookies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Cookies by name, through the untyped {@link BrowserCookies}: inside these requests reads come
 * from the request's {@code Cookie} header and writes are {@code Set-Cookie} headers on the answer.
 */
@Path("/api/cookies")
@Produces(MediaType.APPLICATION_JSON)
public class CookieJarResource {
    @Inject
    BrowserCookies cookies;

    /**
     * The browser's cookies whose names start with a prefix.
     *
     * @param prefix the start of the names; all cookies without it
     * @return name to value, sorted
     */
    @GET
    public Map<String, String> all(@QueryParam("prefix") @DefaultValue("") String prefix) {
        Map<String, String> all = new LinkedHashMap<>();
        for (CookieListItem cookie : cookies.getAll(prefix)) {
            all.put(cookie.name(), cookie.value());
        }
        return all;
    }

    /**
     * One cookie.
     *
     * @param name the cookie name
     * @return 200 with {@code {"name":..,"value":..}}, or 404
     */
    @GET
    @Path("{name}")
    public Response one(@PathParam("name") String name) {
        return cookies.get(name)
                .map(cookie -> Response.ok(Map.of("name", cookie.name(), "value", cookie.value()))
                        .build())
                .orElse(Response.status(Response.Status.NOT_FOUND).build());
    }

    /**
     * Sets a cookie; the body is its value.
     *
     * @param name the cookie name
     * @param value the value
     * @param path the path (default {@code /})
     * @param maxAgeSeconds its lifetime in seconds; none for a session cookie
     * @param httpOnly whether script may not see it
     * @return 200 once the answer carries the cookie, or the refusal naming the broken rule
     */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.TEXT_PLAIN)
    public CompletionStage<Response> set(
            @PathParam("name") String name,
            String value,
            @QueryParam("path") @DefaultValue("/") String path,
            @QueryParam("maxAge") Long maxAgeSeconds,
            @QueryParam("httpOnly") boolean httpOnly) {
        CookieOptions.Builder options = CookieOptions.builder().path(path).httpOnly(httpOnly);
        if (maxAgeSeconds != null) {
            options.maxAge(Duration.ofSeconds(maxAgeSeconds));
        }
        return StorageErrors.afterAck(cookies.set(name, value, options.build()), List.of(name));
    }

    /**
     * Deletes a cookie with the path and domain it was set with.
     *
     * @param name the cookie name
     * @return 200 once the answer carries the deletion
     */
    @DELETE
    @Path("{name}")
    public CompletionStage<Response> delete(@PathParam("name") String name) {
        return StorageErrors.afterAck(cookies.delete(name), List.of(name));
    }
}
