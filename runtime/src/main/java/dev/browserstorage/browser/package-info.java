/**
 * The server's copy of a browser: a {@link dev.browserstorage.browser.Browser} (localStorage and
 * cookies, and the registry of its tabs), each {@link dev.browserstorage.browser.Tab} (that tab's
 * sessionStorage), and what both share, {@link dev.browserstorage.browser.StorageTarget}: reads,
 * writes and listeners for application code. The sync protocol drives them through {@link
 * dev.browserstorage.browser.BrowserLink}, which is internal.
 *
 * <p>A {@code StorageTarget} is a façade that holds one lock over package-private parts, each with
 * one job:
 *
 * <ul>
 *   <li>{@link StorageLayers}: per storage area, the <em>confirmed</em> values (what the browser has
 *       said it holds: its snapshot, its own changes, every acknowledged write) and the view readers
 *       see, the {@link PendingBatches} (server writes not acknowledged yet) applied over them in id
 *       order, so code reads its own writes at once. An acknowledgement moves a batch into the
 *       confirmed layer; a failure drops it, and readers see exactly the state the browser is in.
 *       Every change of the view makes a new version of it, which drops the {@link DecodedValues}
 *       typed readers kept of the older one;
 *   <li>{@link StorageChecks}: the {@link StorageLimits} on every write, and the checks on what the
 *       browser sends; {@link WrittenCookies}: the one {@link
 *       dev.browserstorage.cookie.CookieWritePolicy} every cookie write passes, and the attributes
 *       of the cookies written. A write that would pass a limit throws at once and changes nothing;
 *   <li>{@link Connections}, {@link Listeners}: its sockets, and who listens for changes;
 *   <li>{@link Tabs}: a browser's tabs, at most {@link StorageLimits#maxTabs()}; {@link
 *       ResponseCookies}: cookie writes that leave as {@code Set-Cookie} headers.
 * </ul>
 */
package dev.browserstorage.browser;
