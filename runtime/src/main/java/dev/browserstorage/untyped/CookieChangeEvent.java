package dev.browserstorage.untyped;

import dev.browserstorage.browser.ChangeSource;
import dev.browserstorage.cookie.CookieListItem;
import java.util.List;
import java.util.Objects;

/**
 * Cookies that changed, as the Cookie Store API's {@code change} event reports them: the ones set
 * (with their new values) and the ones deleted (with the values they had).
 *
 * @param changed cookies that were set or changed
 * @param deleted cookies that were deleted or expired
 * @param source who changed them: this server, the browser (page script, another tab, devtools, an
 *     HTTP response of another server), a failed write taken back, or a reconnect
 */
public record CookieChangeEvent(List<CookieListItem> changed, List<CookieListItem> deleted, ChangeSource source) {

    /** Copies the lists. */
    public CookieChangeEvent {
        changed = List.copyOf(changed);
        deleted = List.copyOf(deleted);
        Objects.requireNonNull(source, "source");
    }
}
