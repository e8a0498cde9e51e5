package dev.browserstorage.demo;

import dev.browserstorage.quarkus.BrowserIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * A stand-in for the demo's sign-in: where a real app checks the user's password, it gives the
 * browser a new id, as every app should at login (a page that planted its own id in the browser
 * beforehand is then left with an empty browser of its own). The browser's settings stay.
 */
@Path("/api/sign-in")
public class AccountResource {
    @Inject
    BrowserIdentity identity;

    /** Rotates the browser's id; the response carries the new cookie, and no id. */
    @POST
    public void signIn() {
        identity.rotate();
    }
}
