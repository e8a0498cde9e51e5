package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.protocol.SyncConnection;
import io.quarkus.websockets.next.UserData;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Browser ids: 128 random bits, base64url; anything else a client sends is not an id. */
final class BrowserIds {
    /** Where the id of the current HTTP request is kept in its routing context. */
    static final String CONTEXT_KEY = "dev.browserstorage.browser-id";
    /** Where the upgrade check leaves the id for the sync connection. */
    static final UserData.TypedKey<String> USER_DATA_KEY = UserData.TypedKey.forString(CONTEXT_KEY);

    /** Where the sync endpoint keeps the tab of a connection once its hello named it. */
    static final UserData.TypedKey<String> TAB_USER_DATA_KEY = UserData.TypedKey.forString("dev.browserstorage.tab-id");
    /** The header a request may carry to say which tab it comes from; wins over the cookie. */
    static final String TAB_HEADER = "X-Browser-Storage-Tab";
    /** The cookie in which the glue names the tab the user last used. */
    static final String TAB_COOKIE = "__bs_tab";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private BrowserIds() {}

    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The id in a {@code Cookie} header, if a valid one is there. */
    static String fromCookieHeader(String header, String cookieName) {
        if (header == null) {
            return null;
        }
        String id = SyncConnection.parseCookieHeader(header).get(cookieName);
        return isValid(id) ? id : null;
    }
}
