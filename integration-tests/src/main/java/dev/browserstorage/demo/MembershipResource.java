package dev.browserstorage.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The demo's protected values: the plan in a signed cookie ({@link Membership}) and a note kept
 * encrypted in localStorage ({@link PrivateNote}). What a browser sends back that does not open (a
 * forged plan, an edited note) reads as the default; {@link RejectedValues} hears of it.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MembershipResource {
    private static final Set<String> PLANS = Set.of("free", "pro", "team");

    @Inject
    MembershipStore membership;

    @Inject
    PrivateNoteStore note;

    @Inject
    RejectedValues rejected;

    /**
     * The plan the request's signed cookie carries, trusted as it is: a forged one reads as {@code free}.
     *
     * @return {@code {"plan": ...}}
     */
    @GET
    @Path("membership")
    public Map<String, String> plan() {
        return Map.of("plan", membership.getPlan());
    }

    /**
     * Changes the plan (a stand-in for a checkout): the answer sets the signed cookie.
     *
     * @param plan {@code free}, {@code pro} or {@code team}
     * @return 200 with the plan once the answer carries the cookie
     */
    @POST
    @Path("membership/{plan}")
    public CompletionStage<Response> changePlan(@PathParam("plan") String plan) {
        if (!PLANS.contains(plan)) {
            throw new BadRequestException(StorageErrors.error(
                    Response.Status.BAD_REQUEST,
                    "invalid",
                    "plan '" + plan + "' is none of " + PLANS.stream().sorted().toList()));
        }
        return StorageErrors.afterAck(membership.setPlan(plan), Map.of("plan", plan));
    }

    /**
     * The private note, which only the server can read: 409 before the browser's glue has connected.
     *
     * @return {@code {"text": ...}}
     */
    @GET
    @Path("note")
    public Map<String, String> note() {
        return Map.of("text", note.getText());
    }

    /**
     * Keeps the note, encrypted, in the browser's localStorage.
     *
     * @param text the note
     * @return 200 once the browser has stored it
     */
    @PUT
    @Path("note")
    @Consumes(MediaType.TEXT_PLAIN)
    public CompletionStage<Response> keepNote(String text) {
        return StorageErrors.afterAck(note.setText(text == null ? "" : text), Map.of("text", text == null ? "" : text));
    }

    /**
     * The protected values this server refused lately (newest last), as the page shows them.
     *
     * @return each one's field, key and reason
     */
    @GET
    @Path("rejected")
    public List<Map<String, String>> rejected() {
        return rejected.recent().stream()
                .map(value -> Map.of(
                        "field",
                        value.field(),
                        "key",
                        value.key(),
                        "reason",
                        value.reason().name()))
                .toList();
    }
}
