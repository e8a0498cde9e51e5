package golden.session;

import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.SessionStorage;
import dev.browserstorage.annotation.Ttl;
import java.util.List;

/** A JavaBean: private fields with getters and setters, lifetimes on the type and on one field. */
@SessionStorage
@Ttl("PT30M")
public class Draft {
    private String title = "Untitled";
    private boolean published;
    @Ttl("P1D")
    private String body;
    private int revision = 1;
    private List<String> tags;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public boolean isPublished() {
        return published;
    }

    public void setPublished(boolean published) {
        this.published = published;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    @Key("rev")
    public int getRevision() {
        return revision;
    }

    public void setRevision(int revision) {
        this.revision = revision;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }
}
