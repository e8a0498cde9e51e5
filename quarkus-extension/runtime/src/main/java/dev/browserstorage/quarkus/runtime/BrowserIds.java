package dev.browserstorage.quarkus.runtime;

import dev.browserstorage.cookie.CookieHeader;
import dev.browserstorage.quarkus.BrowserStorageConfig;
import dev.browserstorage.quarkus.runtime.sharing.BrowserSharing;
import io.quarkus.websockets.next.UserData;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks browser credentials, the values of the browser-id cookie.
 *
 * <p>A credential is {@code <id>.<tag>}: the browser's public id (128 random bits, base64url) and a
 * tag, the first 128 bits of HMAC-SHA256 of the id under the server's key. Only the server can make
 * a tag, so a credential it did not issue is recognised without any state and replaced by a fresh
 * one; nodes that share the key accept each other's. The public id alone names a browser to the
 * server's own code ({@code Browsers.find}) but is no credential: without the key nobody
 * can turn it into a cookie.
 *
 * <p>The cookie is {@code __Host-<name>} where the request is secure (behind a TLS-terminating proxy
 * too, once Quarkus is told to trust its forwarded headers), so that no sibling subdomain and no
 * plain-HTTP page can set it; {@code <name>} elsewhere. Always HttpOnly, SameSite=Lax, Path=/.
 */
@Singleton
public class BrowserIds {
    /** Where the id of the current HTTP request is kept in its routing context. */
    static final String CONTEXT_KEY = "dev.browserstorage.browser-id";

    /** Marks a request whose browser id was issued by this very request (it had none, or none of ours). */
    static final String FRESH_CONTEXT_KEY = "dev.browserstorage.fresh-id";
    /** Where the upgrade check leaves the public id for the sync connection. */
    static final UserData.TypedKey<String> USER_DATA_KEY = UserData.TypedKey.forString(CONTEXT_KEY);
    /** Where the upgrade check says the handshake carried no credential of this server's (a fresh id). */
    static final UserData.TypedKey<Boolean> FRESH_USER_DATA_KEY =
            UserData.TypedKey.forBoolean("dev.browserstorage.fresh-id");
    /** Where the upgrade check leaves the handshake's {@code Origin}, which the hello's page must match. */
    static final UserData.TypedKey<String> ORIGIN_USER_DATA_KEY =
            UserData.TypedKey.forString("dev.browserstorage.origin");
    /** Where the upgrade check leaves the client's address (as Quarkus' proxy settings resolve it). */
    static final UserData.TypedKey<String> ADDRESS_USER_DATA_KEY =
            UserData.TypedKey.forString("dev.browserstorage.address");

    /** Where the sync endpoint keeps the tab of a connection once its hello named it. */
    static final UserData.TypedKey<String> TAB_USER_DATA_KEY = UserData.TypedKey.forString("dev.browserstorage.tab-id");
    /** The header a request may carry to say which tab it comes from; wins over the cookie. */
    static final String TAB_HEADER = "X-Browser-Storage-Tab";
    /** The cookie in which the glue names the tab the user last used. */
    static final String TAB_COOKIE = "__bs_tab";
    /** The prefix browsers only accept from a secure page, without Domain, with Path=/. */
    static final String HOST_PREFIX = "__Host-";

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");
    private static final byte[] TAG_CONTEXT = "browser-storage browser-id v1\n".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    /** One per thread: a Mac is not thread safe, and doFinal leaves it ready for the next tag. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private final String plainName;
    private final String secureName;

    @Inject
    BrowserIds(BrowserStorageConfig config, BrowserSharing sharing) {
        this(
                config.browserIdKey()
                        .map(text -> text.getBytes(StandardCharsets.UTF_8))
                        .or(() -> sharing.sharedSecret("browser-id-key"))
                        .orElse(null),
                config.browserIdCookie());
    }

    /**
     * @param key the tag key, at least 32 bytes; {@code null} for a random key of this process
     * @param cookieName the cookie's name on plain-HTTP pages
     */
    BrowserIds(byte[] key, String cookieName) {
        byte[] bytes = key;
        if (bytes == null) {
            bytes = new byte[32];
            RANDOM.nextBytes(bytes);
        } else if (bytes.length < 32) {
            throw new IllegalStateException(
                    "quarkus.browser-storage.browser-id-key must be at least 32 bytes long, was " + bytes.length
                            + ": use a random string such as the output of 'openssl rand -base64 32'");
        }
        if (!cookieName.matches("[A-Za-z0-9_-]+")
                || cookieName.regionMatches(true, 0, "__Host-", 0, 7)
                || cookieName.regionMatches(true, 0, "__Secure-", 0, 9)) {
            throw new IllegalStateException(
                    "quarkus.browser-storage.browser-id-cookie is '" + cookieName + "': use letters,"
                            + " digits, '_' and '-' without a __Host- or __Secure- prefix (the extension adds __Host- on secure pages)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.plainName = cookieName;
        this.secureName = HOST_PREFIX + cookieName;
    }

    /** A browser's id as a request or handshake settled it. */
    record Settled(String id, String credential, boolean fresh) {
        /** Not the credential: a record's default toString would put it in any log line that prints this. */
        @Override
        public String toString() {
            return "Settled[fresh=" + fresh + "]";
        }
    }

    /**
     * The browser of a request: the one its single, valid id cookie names, or a fresh one (to be sent
     * back with {@link #setCookie}) when it carries none, one this server did not issue, or several
     * (a cookie planted beside the real one).
     *
     * @param cookieHeaders the request's {@code Cookie} headers
     * @param secure whether the request is secure
     * @param retired tells which ids must not be accepted any more (rotated away)
     * @return the settled id
     */
    Settled settle(List<String> cookieHeaders, boolean secure, java.util.function.Predicate<String> retired) {
        List<String> values = CookieHeader.valuesOf(cookieHeaders, cookieName(secure));
        if (values.size() == 1) {
            String id = verify(values.get(0));
            if (id != null && !retired.test(id)) {
                return new Settled(id, values.get(0), false);
            }
        }
        return issue();
    }

    /** @return a fresh id and its credential */
    Settled issue() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = BASE64URL.encodeToString(bytes);
        return new Settled(id, id + '.' + tag(id), true);
    }

    /**
     * @param credential a cookie's value
     * @return the public id it carries if this server (or one sharing its key) issued it, else null
     */
    String verify(String credential) {
        if (credential == null || !CREDENTIAL.matcher(credential).matches()) {
            return null;
        }
        String id = credential.substring(0, 22);
        byte[] expected = tag(id).getBytes(StandardCharsets.US_ASCII);
        byte[] given = credential.substring(23).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? id : null;
    }

    /**
     * @param secure whether the page is secure
     * @return the id cookie's name there
     */
    String cookieName(boolean secure) {
        return secure ? secureName : plainName;
    }

    /** @return the names the extension's cookies may have, which application code may not write */
    Set<String> reservedNames() {
        return Set.of(plainName, secureName, TAB_COOKIE);
    }

    /**
     * @param credential the credential
     * @param secure whether the request is secure
     * @return the {@code Set-Cookie} value that gives the browser the credential
     */
    String setCookie(String credential, boolean secure) {
        return cookieName(secure) + "=" + credential + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    private String tag(String id) {
        Mac mac = macs.get();
        mac.update(TAG_CONTEXT);
        byte[] full = mac.doFinal(id.getBytes(StandardCharsets.US_ASCII));
        return BASE64URL.encodeToString(Arrays.copyOf(full, 16));
    }

    /** A Mac under the key, made once: every HTTP request checks a tag, and a provider look-up costs more than the MAC. */
    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
