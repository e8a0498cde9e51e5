package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiringTest {

    @Test
    void theEnvelopeCarriesTheExpiryAndTheValuesOwnJson() {
        String text = Expiring.encode(Codecs.list(Codecs.string()), List.of("a", "b"), 1_767_225_600_000L);

        assertThat(text).isEqualTo("{\"expires\":1767225600000,\"value\":[\"a\",\"b\"]}");
        Expiring<List<String>> read = Expiring.decode(Codecs.list(Codecs.string()), text);
        assertThat(read.value()).containsExactly("a", "b");
        assertThat(read.expiresAtMillis()).isEqualTo(1_767_225_600_000L);
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        Expiring<Integer> read = Expiring.decode(Codecs.integer(), "{\"value\":7,\"note\":{\"x\":[1]},\"expires\":5}");

        assertThat(read).isEqualTo(new Expiring<>(7, 5));
        assertThat(read.isExpiredAt(4)).isFalse();
        assertThat(read.isExpiredAt(5)).isTrue();
    }

    @Test
    void loneSurrogatesAreEscapedAsInEveryOtherStoredText() {
        assertThat(Expiring.encode(Codecs.string(), "a\ud800", 1)).isEqualTo("{\"expires\":1,\"value\":\"a\\ud800\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "7",
                "{\"value\":7}",
                "{\"expires\":1}",
                "{\"expires\":\"1\",\"value\":7}",
                "{\"expires\":1,\"value\":\"seven\"}",
                "{\"expires\":1,\"value\":7} trailing",
                "{\"expires\":1,\"value\":7",
                "not json"
            })
    void anythingButAWellFormedEnvelopeOfTheTypeIsRefused(String text) {
        assertThatThrownBy(() -> Expiring.decode(Codecs.integer(), text)).isInstanceOf(ValueDecodingException.class);
    }
}
