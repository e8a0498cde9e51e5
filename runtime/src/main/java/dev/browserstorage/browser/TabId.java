package dev.browserstorage.browser;

import java.util.regex.Pattern;

/**
 * The form of a tab's id, the one place it is written: 1 to 64 letters, digits, {@code _} or
 * {@code -}. The glue makes it, keeps it in the tab's sessionStorage and sends it in its {@code
 * hello}; the server checks it before a tab is made for it.
 */
public final class TabId {
    /** What a tab id must be, as error messages say it. */
    public static final String RULE = "1 to 64 letters, digits, '_' or '-'";

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private TabId() {}

    /**
     * @param id a tab id a browser sent
     * @return true if it has the form of a tab id
     */
    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
