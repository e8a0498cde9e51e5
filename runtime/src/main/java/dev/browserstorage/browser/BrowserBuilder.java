package dev.browserstorage.browser;

import dev.browserstorage.cookie.CookieHeaderBudget;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.protect.ValueProtection;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/** Builds a {@link Browser}: {@code Browser.builder(browserId, appId)}. */
public final class BrowserBuilder {
    final String browserId;
    final String appId;
    StorageLimits limits = StorageLimits.defaults();
    Clock clock = Clock.systemUTC();
    CookieHeaderBudget cookieHeaderBudget = CookieHeaderBudget.defaults();
    HttpOnlyCommits httpOnlyCommits;
    boolean insecureLocalhostCookies;
    Set<String> reservedCookieNames = Set.of();
    ValueProtection protection;
    HydrationStep afterHydrate;

    BrowserBuilder(String browserId, String appId) {
        this.browserId = Objects.requireNonNull(browserId, "browserId");
        this.appId = Objects.requireNonNull(appId, "appId");
        if (appId.isEmpty() || appId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("App id '" + appId + "' must be non-empty and without ':'");
        }
    }

    /**
     * Sets the limits to enforce.
     *
     * @param limits the limits
     * @return this builder
     */
    public BrowserBuilder limits(StorageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * Sets the clock for lifetimes ({@code @Ttl}, cookie expiry checks).
     *
     * @param clock the clock
     * @return this builder
     */
    public BrowserBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets the budget of the {@code Cookie} header the browser sends: a cookie write that would
     * pass it is refused. Default {@link CookieHeaderBudget#defaults()}.
     *
     * @param budget the budget
     * @return this builder
     */
    public BrowserBuilder cookieHeaderBudget(CookieHeaderBudget budget) {
        this.cookieHeaderBudget = Objects.requireNonNull(budget, "budget");
        return this;
    }

    /**
     * Sets who issues commit URLs for HttpOnly cookies written over the sync socket. Default none:
     * such writes are refused.
     *
     * @param commits the issuer
     * @return this builder
     */
    public BrowserBuilder httpOnlyCommits(HttpOnlyCommits commits) {
        this.httpOnlyCommits = Objects.requireNonNull(commits, "commits");
        return this;
    }

    /**
     * Turns on the development allowance for plain-http localhost ({@link
     * dev.browserstorage.cookie.InsecureLocalhost}): cookies written to such a page lose their
     * Secure flag where no rule needs it. Default off; never turn it on in production.
     *
     * @param allowed whether the allowance applies
     * @return this builder
     */
    public BrowserBuilder insecureLocalhostCookies(boolean allowed) {
        this.insecureLocalhostCookies = allowed;
        return this;
    }

    /**
     * Reserves the names of the cookies a framework adapter keeps for itself, such as the Quarkus
     * extension's browser-id cookie ({@code __bs_id}, {@code __Host-bs_id}, or as configured) and
     * the glue's tab cookie {@code __bs_tab}: app code overwriting or deleting one would break or
     * weaken the browser's identity. Every write of such a cookie (a typed store's, {@code
     * BrowserCookies}', a batch's, over the socket or on an HTTP response, set or delete) is
     * refused with {@link CookieRule#RESERVED_NAME} before anything is written. Names match
     * exactly, case included, as browsers tell cookies apart: {@code BS_ID} is another cookie
     * and leaves {@code bs_id} untouched. A browser's tabs inherit them. Default: none.
     *
     * @param names the reserved cookie names
     * @return this builder
     */
    public BrowserBuilder reservedCookieNames(Set<String> names) {
        Objects.requireNonNull(names, "names");
        names.forEach(name -> Objects.requireNonNull(name, "a reserved cookie name"));
        this.reservedCookieNames = Set.copyOf(names);
        return this;
    }

    /**
     * Sets the keys that seal and open {@code @Signed} and {@code @Encrypted} values, and where a
     * refused value is reported. Default: one random key for this process, refusals only logged.
     *
     * @param protection the keys and the report
     * @return this builder
     */
    public BrowserBuilder protection(ValueProtection protection) {
        this.protection = Objects.requireNonNull(protection, "protection");
        return this;
    }

    /**
     * Sets what runs each time the browser or one of its tabs has sent what it holds, before code
     * waiting for the hydration runs: the migration of versioned stores and the re-sealing of values
     * sealed with an older key. The browser's tabs run it too ({@link HydrationStep#tabHydrated}).
     *
     * @param step the step
     * @return this builder
     */
    public BrowserBuilder afterHydrate(HydrationStep step) {
        this.afterHydrate = Objects.requireNonNull(step, "step");
        return this;
    }

    /** @return the browser, not hydrated and not connected */
    public Browser build() {
        return Browser.create(this);
    }
}
