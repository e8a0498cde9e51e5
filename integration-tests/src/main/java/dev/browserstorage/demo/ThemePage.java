package dev.browserstorage.demo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A server-rendered page (Qute, {@code {#browserStorage /}}) whose form the server handles: it
 * stores the theme picked, then renders the page again, and the page shows the new theme on first
 * paint, before its socket connects. The write completes when the browser acknowledges it.
 */
@Path("/theme-page")
@Produces(MediaType.TEXT_HTML)
public class ThemePage {
    @Inject
    @Location("theme-page.html")
    Template page;

    @Inject
    PreferencesStore prefs;

    /**
     * The page.
     *
     * @return its HTML
     */
    @GET
    public String show() {
        return page.render();
    }

    /**
     * Stores the theme the form names, then renders the page, which carries the write.
     *
     * @param theme the theme picked
     * @return the page's HTML
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String save(@FormParam("theme") Theme theme) {
        if (theme == null) {
            throw new BadRequestException("pick a theme: LIGHT, DARK or SYSTEM");
        }
        prefs.setTheme(theme);
        return page.render();
    }
}
