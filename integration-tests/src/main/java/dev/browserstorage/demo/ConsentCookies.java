package dev.browserstorage.demo;

import dev.browserstorage.annotation.Cookie;
import dev.browserstorage.annotation.SameSite;

/** The cookie-consent banner's answer, kept in a cookie for a year. */
@Cookie(prefix = "consent_", maxAge = "P365D", sameSite = SameSite.LAX)
public class ConsentCookies {
    public boolean analytics;
    public boolean marketing;

    @Cookie(maxAge = "P30D")
    public boolean bannerDismissed;
}
