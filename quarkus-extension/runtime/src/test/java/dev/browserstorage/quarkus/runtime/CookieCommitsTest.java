package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Commit URLs of HttpOnly cookies: one per write, a quota per browser, and no 500 for a malformed token. */
class CookieCommitsTest {
    private static final CookieOptions HTTP_ONLY =
            CookieOptions.builder().httpOnly(true).build();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T12:00:00Z"));
    private final CookieCommits commits = new CookieCommits(null, 60_000, 32, "/_storage", clock);

    @Test
    void aWriteSentAgainGetsTheUrlItAlreadyHasWhileThatHasHalfItsLifeLeft() {
        String first = commits.commitUrl("b-one", "sid", "v1", HTTP_ONLY);
        assertThat(commits.commitUrl("b-one", "sid", "v1", HTTP_ONLY)).isEqualTo(first);
        assertThat(commits.waiting()).isEqualTo(1);

        assertThat(commits.commitUrl("b-one", "sid", "v2", HTTP_ONLY))
                .as("another value is another write")
                .isNotEqualTo(first);
        assertThat(commits.commitUrl("b-two", "sid", "v1", HTTP_ONLY))
                .as("another browser's write")
                .isNotEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        String later = commits.commitUrl("b-one", "sid", "v1", HTTP_ONLY);
        assertThat(later)
                .as("less than half its life left: a fresh URL, the old one given up")
                .isNotEqualTo(first);
        assertThat(redeem(token(first), "b-one", (name, value, options) -> {})).isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(redeem(token(later), "b-one", (name, value, options) -> {}))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
    }

    @Test
    void oneBrowsersFloodNeverRefusesOrEvictsAnotherBrowsersCommit() {
        String victims = commits.commitUrl("b-victim", "sid", "mine", HTTP_ONLY);
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            flood.add(commits.commitUrl("b-hostile", "sid", "v" + i, HTTP_ONLY));
        }
        assertThat(commits.waiting())
                .as("the hostile browser's quota, and the victim's one")
                .isEqualTo(32 + 1);
        assertThat(redeem(token(flood.get(0)), "b-hostile", (name, value, options) -> {}))
                .as("its own oldest URL was given up")
                .isEqualTo(CookieCommits.Outcome.GONE);
        List<String> committed = new ArrayList<>();
        assertThat(redeem(token(victims), "b-victim", (name, value, options) -> committed.add(value)))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
        assertThat(committed).containsExactly("mine");
        assertThat(redeem(token(flood.get(flood.size() - 1)), "b-hostile", (name, value, options) -> {}))
                .isEqualTo(CookieCommits.Outcome.COMMITTED);
    }

    @Test
    void aUrlWorksOnceOnlyForItsBrowserAndNotAfterItExpires() {
        String url = commits.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        assertThat(redeem(token(url), "b-two", (name, value, options) -> {}))
                .isEqualTo(CookieCommits.Outcome.FORBIDDEN);
        assertThat(redeem(token(url), null, (name, value, options) -> {})).isEqualTo(CookieCommits.Outcome.FORBIDDEN);
        clock.advance(Duration.ofSeconds(61));
        assertThat(redeem(token(url), "b-one", (name, value, options) -> {})).isEqualTo(CookieCommits.Outcome.GONE);
        assertThat(commits.waiting()).isZero();
    }

    @Test
    void aMalformedTokenIsForbiddenNeverAnError() {
        String url = commits.commitUrl("b-one", "sid", "v", HTTP_ONLY);
        String[] parts = token(url).split("\\.");
        Set<String> tokens = new HashSet<>(List.of(
                "",
                ".",
                "..",
                "...",
                "a.b.c",
                parts[0] + ".9999999999999999999." + parts[2],
                parts[0] + ".99999999999999999999." + parts[2],
                parts[0] + ".-1." + parts[2],
                parts[0] + "." + parts[1],
                parts[0] + ".1e3." + parts[2],
                "\u0000.1.x"));
        for (String token : tokens) {
            assertThat(redeem(token, "b-one", (name, value, options) -> {}))
                    .as(token)
                    .isEqualTo(CookieCommits.Outcome.FORBIDDEN);
        }
    }

    /** Redeems a token on a node that shares nothing: the outcome is there at once. */
    private CookieCommits.Outcome redeem(String token, String browserId, CookieCommits.Committer commit) {
        CompletableFuture<CookieCommits.Outcome> outcome =
                commits.redeem(token, browserId, commit).toCompletableFuture();
        assertThat(outcome).as("answered at once").isDone();
        return outcome.join();
    }

    static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
