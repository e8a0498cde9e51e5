package dev.browserstorage.quarkus.deployment.cookies;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserstorage.cookie.CookieOptions;
import dev.browserstorage.quarkus.Browsers;
import dev.browserstorage.quarkus.deployment.testing.Credentials;
import dev.browserstorage.quarkus.runtime.CookieCommits;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commit URLs of HttpOnly cookies are served under the configured base path, sign with the
 * configured key, answer with the Set-Cookie once, and refuse other browsers and other methods.
 */
class CookieCommitRouteTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Credentials.class))
            .overrideConfigKey("quarkus.browser-storage.path", "/assets/storage")
            .overrideConfigKey("quarkus.browser-storage.cookie-commit-key", "a configured key of at least 32 bytes")
            // A free port: other builds on the machine may hold the default test port.
            .overrideConfigKey("quarkus.http.test-port", "0");

    @TestHTTPResource("/")
    URL base;

    @Inject
    CookieCommits commits;

    @Inject
    Browsers browsers;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String browserId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Cookie", Credentials.COOKIE + "=" + browserId)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCommitUrlUnderTheBasePathSetsItsCookieOnceForItsBrowserOnly() throws Exception {
        CookieOptions httpOnly =
                CookieOptions.builder().httpOnly(true).path("/app").build();
        URI server = URI.create(base.toString());
        String browser = Credentials.issue(server);
        String otherBrowser = Credentials.issue(server);
        browsers.get(Credentials.id(otherBrowser));
        // A URL is signed for the browser's session, whose label is no credential.
        String label = browsers.get(Credentials.id(browser)).browserId();
        String url = commits.commitUrl(label, "sid", "s3cr3t", httpOnly);
        assertThat(url).startsWith("/assets/storage/cookie/").doesNotContain("s3cr3t");

        assertThat(send("GET", url, browser).statusCode()).as("only POST").isEqualTo(405);
        assertThat(send("POST", url, otherBrowser).statusCode())
                .as("another browser")
                .isEqualTo(403);
        HttpResponse<String> committed = send("POST", url, browser);
        assertThat(committed.statusCode()).isEqualTo(204);
        assertThat(committed.headers().allValues("Set-Cookie"))
                .contains("sid=s3cr3t; Path=/app; Secure; HttpOnly; SameSite=Lax");
        assertThat(committed.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(send("POST", url, browser).statusCode()).as("used up").isEqualTo(410);

        String deletion = commits.commitUrl(label, "sid", null, httpOnly);
        assertThat(send("POST", deletion, browser).headers().allValues("Set-Cookie"))
                .anySatisfy(header -> assertThat(header)
                        .startsWith("sid=; Path=/app; Max-Age=0;")
                        .contains("HttpOnly"));
        assertThat(send("POST", "/_storage/cookie/x.1.y", browser).statusCode())
                .as("not under the default path")
                .isEqualTo(404);
    }
}
