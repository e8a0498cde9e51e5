package dev.browserstorage.demo;

import dev.browserstorage.annotation.Cookie;
import dev.browserstorage.annotation.SameSite;
import dev.browserstorage.annotation.Signed;

/**
 * The browser's plan, in a signed cookie: page scripts read it (the page shows it), every request
 * carries it, and the server trusts it because nobody without the app's keys can make one it
 * accepts. Only the server writes it ({@link MembershipResource}).
 */
@Signed
@Cookie(prefix = "member_", maxAge = "P30D", sameSite = SameSite.LAX)
public class Membership {
    /** {@code free}, {@code pro} or {@code team}. */
    public String plan = "free";
}
