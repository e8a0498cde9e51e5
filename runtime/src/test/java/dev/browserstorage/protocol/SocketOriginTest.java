package dev.browserstorage.protocol;

import static dev.browserstorage.protocol.SyncConnectionTest.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserstorage.browser.Browser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hello's {@code page} decides the cookie rules of every write for the browser: where the
 * connection knows the origin that opened its socket, the page must be of that origin.
 */
class SocketOriginTest {
    private static final String PAGE = "\"page\":\"https://shop.example/\",";

    private final Browser session = Browser.builder("b1", "demo").build();
    private final List<String> sent = new ArrayList<>();

    @ParameterizedTest
    @CsvSource({
        "https://shop.example,      https://shop.example/settings",
        "https://shop.example:443,  https://shop.example/",
        "https://shop.example,      https://shop.example:443/",
        "HTTPS://Shop.Example,      https://shop.example/",
        "https://shop.example,      https://SHOP.example/",
        "http://localhost:8080,     http://localhost:8080/app?x=1#y",
        "http://[::1]:8080,         http://[::1]:8080/"
    })
    void aPageOfTheOriginThatOpenedTheSocketIsAccepted(String origin, String page) {
        connection(origin).receive(helloFrom(page));

        assertThat(session.isHydrated()).isTrue();
        assertThat(session.pageUrl()).contains(java.net.URI.create(page));
    }

    @ParameterizedTest
    @CsvSource({
        "https://shop.example,      http://shop.example/",
        "https://shop.example,      https://evil.example/",
        "https://shop.example,      https://shop.example.evil.example/",
        "https://shop.example,      https://shop.example:8443/",
        "https://shop.example:8443, https://shop.example/",
        "http://shop.example,       http://shop.example:443/",
        "null,                      https://shop.example/",
        "not an origin,             https://shop.example/"
    })
    void aPageOfAnotherOriginIsAViolation(String origin, String page) {
        assertThatThrownBy(() -> connection(origin).receive(helloFrom(page)))
                .isInstanceOfSatisfying(
                        ProtocolException.class,
                        e -> assertThat(e.closeCode()).isEqualTo(ProtocolException.CLOSE_PROTOCOL_VIOLATION))
                .hasMessage("'page' is not a page of the origin that opened this socket");
        assertThat(session.isHydrated()).isFalse();
        assertThat(sent).isEmpty();
    }

    @Test
    void aHelloWithoutAPageIsRefusedOnlyWhereTheOriginIsKnown() {
        String noPage = HELLO.replace(PAGE, "");

        assertThatThrownBy(() -> connection("https://shop.example").receive(noPage))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'page' is not a page of the origin");
        assertThatThrownBy(() -> connection("https://shop.example").receive(HELLO.replace(PAGE, "\"page\":\"\",")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("'page' is not a page of the origin");
        assertThat(session.isHydrated()).isFalse();

        new SyncConnection(session, sent::add).receive(noPage);
        assertThat(session.isHydrated()).isTrue();
    }

    @Test
    void withoutAKnownOriginAnyPageIsAccepted() {
        new SyncConnection(session, sent::add, null, null).receive(helloFrom("https://elsewhere.example/"));

        assertThat(session.isHydrated()).isTrue();
    }

    private SyncConnection connection(String origin) {
        return new SyncConnection(session, sent::add, null, origin);
    }

    private static String helloFrom(String page) {
        return HELLO.replace(PAGE, "\"page\":\"" + page + "\",");
    }
}
