package dev.browserstorage.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Browser credentials: issued by the server, checked without state, never adopted from outside. */
class BrowserIdsTest {
    private static final byte[] KEY = "a shared key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

    private final BrowserIds ids = new BrowserIds(KEY, "bs_id");

    @Test
    void anIssuedCredentialIsItsPublicIdAndATagAndIsKeptAsItIs() {
        BrowserIds.Settled issued = ids.issue();
        assertThat(issued.credential())
                .matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}")
                .startsWith(issued.id() + ".");
        assertThat(issued.fresh()).isTrue();

        BrowserIds.Settled again = ids.settle(List.of("other=1; bs_id=" + issued.credential()), false, id -> false);
        assertThat(again.fresh()).isFalse();
        assertThat(again.id()).isEqualTo(issued.id());
    }

    @Test
    void anIdTheServerDidNotIssueIsReplacedByAFreshOne() {
        BrowserIds.Settled issued = ids.issue();
        String forgedTag = issued.id() + "." + "A".repeat(22);
        String madeUp = "AAAAAAAAAAAAAAAAAAAAAA";
        for (String cookie : List.of(forgedTag, madeUp, issued.id(), issued.credential() + "x", "", "..")) {
            BrowserIds.Settled settled = ids.settle(List.of("bs_id=" + cookie), false, id -> false);
            assertThat(settled.fresh()).as(cookie).isTrue();
            assertThat(settled.id()).as(cookie).isNotEqualTo(issued.id()).isNotEqualTo(madeUp);
        }
    }

    @Test
    void aRequestCarryingTheIdCookieTwiceGetsAFreshId() {
        String mine = ids.issue().credential();
        String planted = ids.issue().credential();
        BrowserIds.Settled settled = ids.settle(List.of("bs_id=" + planted + "; bs_id=" + mine), false, id -> false);
        assertThat(settled.fresh()).isTrue();
        // HTTP/2 may split the header: the two are still seen.
        assertThat(ids.settle(List.of("bs_id=" + planted, "bs_id=" + mine), false, id -> false)
                        .fresh())
                .isTrue();
    }

    @Test
    void aRetiredIdIsNotAccepted() {
        BrowserIds.Settled issued = ids.issue();
        assertThat(ids.settle(List.of("bs_id=" + issued.credential()), false, issued.id()::equals)
                        .fresh())
                .isTrue();
    }

    @Test
    void nodesSharingTheKeyAcceptEachOthersIdsAndOthersDoNot() {
        String credential = new BrowserIds(KEY, "bs_id").issue().credential();
        assertThat(ids.verify(credential)).isEqualTo(credential.substring(0, 22));
        byte[] otherKey = "another key, also of at least 32 bytes".getBytes(StandardCharsets.UTF_8);
        assertThat(new BrowserIds(otherKey, "bs_id").verify(credential)).isNull();
        assertThat(new BrowserIds(null, "bs_id").verify(credential))
                .as("a random key per process")
                .isNull();
    }

    @Test
    void onASecurePageTheCookieIsHostPrefixedAndSecureAndThePlainOneIsNotRead() {
        BrowserIds.Settled issued = ids.issue();
        assertThat(ids.setCookie(issued.credential(), true))
                .isEqualTo("__Host-bs_id=" + issued.credential() + "; Path=/; HttpOnly; SameSite=Lax; Secure");
        assertThat(ids.setCookie(issued.credential(), false))
                .isEqualTo("bs_id=" + issued.credential() + "; Path=/; HttpOnly; SameSite=Lax");
        assertThat(ids.settle(List.of("bs_id=" + issued.credential()), true, id -> false)
                        .fresh())
                .as("a plain-HTTP cookie (which a sibling subdomain could set) is not read on a secure page")
                .isTrue();
        assertThat(ids.settle(List.of("__Host-bs_id=" + issued.credential()), true, id -> false)
                        .fresh())
                .isFalse();
        assertThat(ids.reservedNames()).containsExactlyInAnyOrder("bs_id", "__Host-bs_id", "__bs_tab");
    }

    @Test
    void aShortKeyOrAPrefixedCookieNameIsAConfigurationError() {
        assertThatThrownBy(() -> new BrowserIds("short".getBytes(StandardCharsets.UTF_8), "bs_id"))
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new BrowserIds(KEY, "__Host-id"))
                .hasMessageContaining("without a __Host- or __Secure- prefix");
        assertThatThrownBy(() -> new BrowserIds(KEY, "a;b")).hasMessageContaining("letters, digits");
    }

    @Test
    void theSettledIdsTextNamesNoCredential() {
        BrowserIds.Settled issued = ids.issue();
        assertThat(issued.toString()).doesNotContain(issued.id()).doesNotContain(issued.credential());
    }
}
