package dev.browserstorage.cookie;

import dev.browserstorage.BrowserStorageException;

/**
 * A cookie that a browser would refuse or silently drop: the broken rule is in {@link #rule()} and
 * in the message, with the offending value. Nothing was written.
 */
public final class InvalidCookieException extends BrowserStorageException {
    private static final long serialVersionUID = 1L;

    private final CookieRule rule;
    private final String cookieName;

    /**
     * Creates the exception.
     *
     * @param rule the rule the cookie breaks
     * @param cookieName the cookie's name as given (may be empty)
     * @param message what is wrong, the offending value, and how to fix it
     */
    public InvalidCookieException(CookieRule rule, String cookieName, String message) {
        super(message);
        this.rule = rule;
        this.cookieName = cookieName;
    }

    /** @return the rule the cookie breaks */
    public CookieRule rule() {
        return rule;
    }

    /** @return the cookie's name as given */
    public String cookieName() {
        return cookieName;
    }
}
