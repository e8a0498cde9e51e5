package golden.cookie;

import dev.browserstorage.annotation.Cookie;
import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.SameSite;
import java.util.List;

/** Type attributes for every cookie, overridden per field. */
@Cookie(prefix = "ui_", maxAge = "P365D", path = "/app", domain = "example.com", sameSite = SameSite.STRICT)
public class UiCookies {
    public String lang = "en";
    public int visits;
    public Mode mode = Mode.COMPACT;
    public List<String> recent;

    @Cookie(maxAge = "PT1H", path = "/")
    public boolean bannerSeen;

    @Key("sid")
    @Cookie(httpOnly = true, sameSite = SameSite.LAX, maxAge = "")
    public String sessionId;

    @Cookie(partitioned = true, sameSite = SameSite.NONE, domain = "shop.example.com")
    public String embedded;

    public enum Mode {
        COMPACT,
        WIDE
    }
}
