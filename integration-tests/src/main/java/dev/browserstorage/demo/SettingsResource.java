package dev.browserstorage.demo;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The settings page's API. Every call reads and writes the storage of the browser that made it,
 * through the injected typed stores: reads answer from what that browser's glue sent, and writes
 * answer once the browser has stored them.
 *
 * <p>Reads before the browser's glue has connected answer 409; a value over a limit answers 413 at
 * once, and nothing reaches the browser.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    /** How many recent searches the page keeps. */
    static final int MAX_RECENT_SEARCHES = 8;

    static final int MIN_FONT_SIZE = 10;
    static final int MAX_FONT_SIZE = 32;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Z]{2})?");

    @Inject
    PreferencesStore prefs;

    @Inject
    SessionDraftStore draft;

    @Inject
    ConsentCookiesStore consent;

    /**
     * The browser's display preferences, each stored value or its default.
     *
     * @return the preferences
     */
    @GET
    @Path("prefs")
    public Preferences preferences() {
        return prefs.get();
    }

    /**
     * Changes the preferences the body names, in one batch.
     *
     * @param change the fields to change
     * @return 200 with all preferences once the browser has stored the change
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("prefs")
    public CompletionStage<Response> changePreferences(PreferencesChange change) {
        if (change == null) {
            throw invalid("send a JSON object with any of theme, fontSize, language, recentSearches");
        }
        if (change.fontSize() != null && (change.fontSize() < MIN_FONT_SIZE || change.fontSize() > MAX_FONT_SIZE)) {
            throw invalid("fontSize " + change.fontSize() + " is outside " + MIN_FONT_SIZE + ".." + MAX_FONT_SIZE);
        }
        if (change.language() != null
                && !LANGUAGE_TAG.matcher(change.language()).matches()) {
            throw invalid("language '" + change.language() + "' is not a language tag such as 'en' or 'pt-BR'");
        }
        if (change.recentSearches() != null && change.recentSearches().contains(null)) {
            throw invalid("recentSearches may not hold null");
        }
        CompletionStage<Void> stored = prefs.update(p -> {
            if (change.theme() != null) {
                p.theme = change.theme();
            }
            if (change.fontSize() != null) {
                p.fontSize = change.fontSize();
            }
            if (change.language() != null) {
                p.language = change.language();
            }
            if (change.recentSearches() != null) {
                p.recentSearches = change.recentSearches();
            }
        });
        return StorageErrors.afterAck(stored, prefs.get());
    }

    /**
     * Puts a search at the top of the recent searches (once), keeping the newest few.
     *
     * @param search the search
     * @return 200 with all preferences once the browser has stored the new list
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("searches")
    public CompletionStage<Response> addSearch(SearchRequest search) {
        String query =
                search == null || search.query() == null ? "" : search.query().strip();
        if (query.isEmpty()) {
            throw invalid("send {\"query\": \"...\"} with a non-blank query");
        }
        CompletionStage<Void> stored = prefs.update(p -> {
            List<String> searches = new ArrayList<>(p.recentSearches);
            searches.remove(query);
            searches.add(0, query);
            p.recentSearches = List.copyOf(searches.subList(0, Math.min(searches.size(), MAX_RECENT_SEARCHES)));
        });
        return StorageErrors.afterAck(stored, prefs.get());
    }

    /**
     * Forgets the recent searches.
     *
     * @return 200 with all preferences once the browser has removed them
     */
    @DELETE
    @Path("searches")
    public CompletionStage<Response> clearSearches() {
        return StorageErrors.afterAck(prefs.recentSearches().remove(), prefs.get());
    }

    /**
     * The draft of this tab (sessionStorage: each tab has its own, gone when the tab closes).
     *
     * @return the draft
     */
    @GET
    @Path("draft")
    public SessionDraft draft() {
        return draft.get();
    }

    /**
     * Saves the parts of the draft the body names; each lives an hour from now.
     *
     * @param change the fields to change
     * @return 200 with the draft once the browser has stored it
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("draft")
    public CompletionStage<Response> saveDraft(DraftChange change) {
        if (change == null) {
            throw invalid("send a JSON object with subject and/or body");
        }
        CompletionStage<Void> stored = draft.update(d -> {
            if (change.subject() != null) {
                d.subject = change.subject();
            }
            if (change.body() != null) {
                d.body = change.body();
            }
        });
        return StorageErrors.afterAck(stored, draft.get());
    }

    /**
     * The cookie-consent answer, from the browser's cookies.
     *
     * @return the consent
     */
    @GET
    @Path("consent")
    public ConsentCookies consent() {
        return consent.get();
    }

    /**
     * Records the answer to the cookie banner and dismisses it.
     *
     * <p>Inside an HTTP request a cookie store writes {@code Set-Cookie} headers on the response, with
     * the attributes the POJO declares: the answer needs no socket, and the next request carries the
     * cookies.
     *
     * @param choice what the user allowed
     * @return 200 with the consent, the cookies in the response's headers
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("consent")
    public CompletionStage<Response> answerConsent(ConsentChoice choice) {
        if (choice == null) {
            throw invalid("send {\"analytics\": true|false, \"marketing\": true|false}");
        }
        CompletionStage<Void> stored = consent.update(c -> {
            c.analytics = choice.analytics();
            c.marketing = choice.marketing();
            c.bannerDismissed = true;
        });
        return StorageErrors.afterAck(stored, consent.get());
    }

    private static BadRequestException invalid(String message) {
        return new BadRequestException(StorageErrors.error(Response.Status.BAD_REQUEST, "invalid", message));
    }
}
