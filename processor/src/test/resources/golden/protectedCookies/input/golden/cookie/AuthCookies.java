package golden.cookie;

import dev.browserstorage.annotation.Cookie;
import dev.browserstorage.annotation.Encrypted;
import dev.browserstorage.annotation.Key;
import dev.browserstorage.annotation.Signed;
import java.util.UUID;

/** Cookies with a signed and an encrypted value beside a plain one. */
@Cookie(prefix = "auth_", maxAge = "P30D")
public class AuthCookies {
    public String lang = "en";

    @Signed
    public String role = "guest";

    @Encrypted
    @Key("uid")
    @Cookie(httpOnly = true)
    public UUID userId;
}
