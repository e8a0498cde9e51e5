package dev.browserstorage.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CookieHeaderTest {
    @Test
    void theFirstOfARepeatedNameWins() {
        assertThat(CookieHeader.parse("a=1; a=2;b=3"))
                .containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("b", "3"));
    }

    @Test
    void valuesOfKeepsEveryValueOfANameAcrossHeaders() {
        assertThat(CookieHeader.valuesOf(List.of("id=1; other=x", " id = 2 ;id"), "id"))
                .containsExactly("1", "2");
    }

    @Test
    void aNamelessPartIsNeverTheValueOfANamedCookie() {
        assertThat(CookieHeader.valuesOf(List.of("=planted; 1"), "id")).isEmpty();
    }

    @Test
    void stopsAtThePairPastTheBound() {
        assertThatThrownBy(() -> CookieHeader.parse("a=1; b=2; c=3", 2, () -> new IllegalStateException("bound")))
                .hasMessage("bound");
    }
}
