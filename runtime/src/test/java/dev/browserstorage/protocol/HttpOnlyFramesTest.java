package dev.browserstorage.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.Browser;
import dev.browserstorage.browser.Write;
import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.cookie.CookieRule;
import dev.browserstorage.cookie.InvalidCookieException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HttpOnly cookie values never reach the glue: a recorder on the connection's frames holds every
 * frame sent to the browser's script, and none may carry one.
 */
class HttpOnlyFramesTest {
    private static final String SECRET = "s3cr3t-session-token";
    private static final String HELLO =
            "{\"t\":\"hello\",\"v\":1,\"app\":\"demo\",\"page\":\"https://shop.example/\",\"local\":{},"
                    + "\"session\":{},\"cookies\":\"theme=dark\",\"applied\":0}";

    private final Browser session = Browser.builder("b1", "demo").build();
    private final List<String> recorded = new ArrayList<>();
    private final SyncConnection connection = new SyncConnection(session, recorded::add);

    @Test
    void withoutCommitUrlsAnHttpOnlyCookieWrittenThroughTheSocketIsRefusedAndNoFrameCarriesItsValue() {
        connection.receive(HELLO);
        CookieOptions httpOnly = CookieOptions.builder().httpOnly(true).build();

        // Found while writing this test: the value went out in a batch frame, with nothing to say
        // it was HttpOnly, so the glue would have set it as a cookie any script can read.
        assertThatThrownBy(() -> session.write(List.of(Write.setCookie("sid", SECRET, httpOnly))))
                .isInstanceOfSatisfying(
                        InvalidCookieException.class,
                        e -> assertThat(e.rule()).isEqualTo(CookieRule.HTTP_ONLY_FROM_SCRIPT));
        assertThatThrownBy(() -> session.write(
                        List.of(Write.set(StorageArea.LOCAL, "demo:k", "1"), Write.setCookie("sid", SECRET, httpOnly))))
                .as("nor inside a batch with other writes")
                .isInstanceOf(InvalidCookieException.class);
        session.write(List.of(Write.setCookie("theme", "light", CookieOptions.defaults())));

        assertThat(recorded)
                .as("frames to the glue")
                .hasSizeGreaterThanOrEqualTo(2)
                .noneMatch(frame -> frame.contains(SECRET));
        assertThat(session.pendingBatchIds()).hasSize(1);
    }

    @Test
    void withAFlusherCommitUrlsAreMintedByTheFlushOutsideTheBrowsersLock() {
        List<Runnable> flushes = new ArrayList<>();
        List<Boolean> mintedUnderLock = new ArrayList<>();
        Browser[] browser = {null};
        browser[0] = Browser.builder("b2", "demo")
                .httpOnlyCommits((browserId, name, value, options) -> {
                    // A browser's state is readable only while its lock is free on another thread:
                    // isConnected() takes the lock, so a mint inside write() would hold it.
                    mintedUnderLock.add(isLockedElsewhere(browser[0]));
                    return "/_storage/cookie/n.1.t";
                })
                .build();
        SyncConnection flushed = new SyncConnection(browser[0], recorded::add, flushes::add);
        flushed.receive(HELLO);
        recorded.clear();

        browser[0].write(List.of(Write.setCookie(
                "sid", SECRET, CookieOptions.builder().httpOnly(true).build())));

        assertThat(mintedUnderLock)
                .as("nothing minted while the batch is written")
                .isEmpty();
        assertThat(recorded).isEmpty();
        flushes.forEach(Runnable::run);
        assertThat(mintedUnderLock).containsExactly(false);
        assertThat(recorded)
                .singleElement()
                .asString()
                .contains("\"commit\":\"/_storage/cookie/n.1.t\"")
                .doesNotContain(SECRET);
    }

    /** Whether another thread would wait for the browser's lock now. */
    private static boolean isLockedElsewhere(Browser browser) {
        java.util.concurrent.CompletableFuture<Boolean> free =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    browser.isConnected();
                    return true;
                });
        try {
            return !free.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
