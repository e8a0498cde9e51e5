package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DatabindCodecTest {

    enum Theme {
        LIGHT,
        DARK
    }

    record Address(String street, int number) {}

    record Visit(
            Instant at, LocalDate day, LocalDateTime local, Duration stay, BigDecimal paid, UUID id, Theme theme) {}

    record Page<T>(List<T> items, int total) {}

    record Node(int value, Node next) {}

    record Tagged(String name, List<String> tags) {}

    record Wrapper(Address address, Theme theme) {}

    record Holder(Object value) {}

    /** A plain class, as users write them: public fields with initializers. */
    public static class Preferences {
        public String theme = "light";
        public int fontSize = 14;
        public Map<String, Integer> counters = new HashMap<>();
    }

    private final ValueCodec<Address> addresses = Codecs.json(Address.class);

    @Test
    void recordIsAJsonObjectInComponentOrder() {
        assertThat(addresses.encode(new Address("Main St", 5))).isEqualTo("{\"street\":\"Main St\",\"number\":5}");
        assertThat(addresses.decode("{\"number\":5,\"street\":\"Main St\"}")).isEqualTo(new Address("Main St", 5));
    }

    @Test
    void pojoIsAJsonObjectInDeclarationOrderWithMapKeysSorted() {
        Preferences preferences = new Preferences();
        for (String key : List.of("zeta", "alpha", "mid", "beta", "omega", "gamma")) {
            preferences.counters.put(key, key.length());
        }
        assertThat(Codecs.json(Preferences.class).encode(preferences))
                .isEqualTo("{\"theme\":\"light\",\"fontSize\":14,\"counters\":"
                        + "{\"alpha\":5,\"beta\":4,\"gamma\":5,\"mid\":3,\"omega\":5,\"zeta\":4}}");
    }

    @Test
    void scalarsInsideHaveTheSameTextAsTheirOwnCodecs() {
        Visit visit = new Visit(
                Instant.ofEpochSecond(1_700_000_000L, 5_000_000),
                LocalDate.of(2011, 12, 3),
                LocalDateTime.of(2011, 12, 3, 10, 15),
                Duration.ofMinutes(90),
                new BigDecimal("12.50"),
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Theme.DARK);
        String stored = Codecs.json(Visit.class).encode(visit);
        assertThat(stored)
                .isEqualTo("{"
                        + "\"at\":" + Codecs.instant().encode(visit.at())
                        + ",\"day\":" + Codecs.localDate().encode(visit.day())
                        + ",\"local\":" + Codecs.localDateTime().encode(visit.local())
                        + ",\"stay\":" + Codecs.duration().encode(visit.stay())
                        + ",\"paid\":" + Codecs.bigDecimal().encode(visit.paid())
                        + ",\"id\":" + Codecs.uuid().encode(visit.id())
                        + ",\"theme\":" + Codecs.enumOf(Theme.class).encode(visit.theme())
                        + "}");
        assertThat(stored).contains("\"at\":\"2023-11-14T22:13:20.005Z\"", "\"paid\":\"12.50\"");
        assertThat(Codecs.json(Visit.class).decode(stored)).isEqualTo(visit);
    }

    @Test
    void olderShapeWithRemovedPropertiesStillReads() {
        assertThat(addresses.decode("{\"street\":\"Main St\",\"number\":5,\"zip\":\"12345\",\"geo\":{\"lat\":1}}"))
                .isEqualTo(new Address("Main St", 5));
    }

    @Test
    void missingPropertiesReadAsDefaults() {
        Preferences read = Codecs.json(Preferences.class).decode("{\"theme\":\"dark\"}");
        assertThat(read.theme).isEqualTo("dark");
        assertThat(read.fontSize).isEqualTo(14);
    }

    @Test
    void wrongShapeIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> addresses.decode("{\"street\":\"Main St\",\"number\":\"five\"}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Address at /number but the stored value does not fit");
        assertThatThrownBy(() -> Codecs.list(addresses).decode("[{\"street\":\"a\",\"number\":1},{\"number\":1.5}]"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Address at /1/number");
        assertThatThrownBy(() -> addresses.decode("[\"Main St\",5]"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageStartingWith("expected Address but the stored value does not fit");
    }

    @Test
    void enumInsideIsNotReadFromItsOrdinalAndUnknownNamesAreRefused() {
        ValueCodec<Wrapper> wrappers = Codecs.json(Wrapper.class);
        assertThatThrownBy(() -> wrappers.decode("{\"theme\":1}")).isInstanceOf(ValueDecodingException.class);
        assertThatThrownBy(() -> wrappers.decode("{\"theme\":\"PURPLE\"}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("at /theme");
    }

    @Test
    void bigDecimalInsideHasTheSameLimits() {
        record Price(BigDecimal amount) {}
        ValueCodec<Price> prices = Codecs.json(Price.class);
        assertThat(prices.decode("{\"amount\":12.50}")).isEqualTo(new Price(new BigDecimal("12.50")));
        assertThat(prices.decode("{\"amount\":\"1.2E+3\"}")).isEqualTo(new Price(new BigDecimal("1.2E+3")));
        assertThatThrownBy(() -> prices.decode("{\"amount\":\"1e-999999999\"}"))
                .isInstanceOf(ValueDecodingException.class);
        assertThatThrownBy(() -> prices.decode("{\"amount\":1e-999999999}")).isInstanceOf(ValueDecodingException.class);
        assertThatThrownBy(() -> prices.decode("{\"amount\":\"twelve\"}")).isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void genericTypesReadThroughATypeReference() {
        ValueCodec<Page<Address>> pages = Codecs.json(new TypeReference<Page<Address>>() {});
        Page<Address> page = new Page<>(List.of(new Address("a", 1)), 7);
        String stored = pages.encode(page);
        assertThat(stored).isEqualTo("{\"items\":[{\"street\":\"a\",\"number\":1}],\"total\":7}");
        assertThat(pages.decode(stored)).isEqualTo(page);
        assertThat(pages.decode(stored).items().get(0)).isInstanceOf(Address.class);
        assertThat(pages.typeName()).isEqualTo("Page<Address>");
    }

    @Test
    void jsonNullReadsAsNull() {
        assertThat(addresses.decode("null")).isNull();
        assertThat(Codecs.json(new TypeReference<java.util.Optional<String>>() {})
                        .decode("null"))
                .as("why: Jackson would read null as Optional.empty()")
                .isNull();
    }

    @Test
    void nullInsideAListOfPojosIsRefused() {
        assertThatThrownBy(() -> Codecs.list(addresses).decode("[null]")).isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void recordsOfImmutableValuesAreImmutable() {
        assertThat(addresses.producesImmutableValues()).isTrue();
        assertThat(Codecs.json(Visit.class).producesImmutableValues()).isTrue();
        assertThat(Codecs.json(Wrapper.class).producesImmutableValues()).isTrue();
        assertThat(Codecs.json(Node.class).producesImmutableValues()).isTrue();
    }

    @Test
    void recordsHoldingCollectionsAndOtherClassesAreNot() {
        assertThat(Codecs.json(Tagged.class).producesImmutableValues()).isFalse();
        assertThat(Codecs.json(new TypeReference<Page<Address>>() {}).producesImmutableValues())
                .isFalse();
        assertThat(Codecs.json(Holder.class).producesImmutableValues()).isFalse();
        assertThat(Codecs.json(Preferences.class).producesImmutableValues()).isFalse();
        assertThat(Codecs.json(Tagged.class)
                        .decode("{\"name\":\"a\",\"tags\":[\"x\"]}")
                        .tags())
                .as("why: Jackson fills a record's list with a mutable one")
                .isInstanceOf(java.util.ArrayList.class);
    }

    @Test
    void describesItselfByTheSimpleClassName() {
        assertThat(addresses.typeName()).isEqualTo("Address");
        assertThat(addresses.isTextual()).isFalse();
        assertThat(Codecs.json(new TypeReference<Map<String, List<Address>>>() {})
                        .typeName())
                .isEqualTo("Map<String, List<Address>>");
    }

    @Test
    void nestingBeyondTheParserLimitIsRefused() {
        String deepArrays = "[".repeat(2000) + "]".repeat(2000);
        assertThatThrownBy(() -> Codecs.json(Holder.class).decode("{\"value\":" + deepArrays + "}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("nesting depth");
        // Skipped as an unknown property, it is refused all the same: skipping still parses.
        assertThatThrownBy(() -> addresses.decode("{\"unknown\":" + deepArrays + "}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("nesting depth");
        String deepObjects = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        assertThatThrownBy(() -> Codecs.json(Map.class).decode(deepObjects))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void nestingWithinTheLimitReads() {
        String deepArrays = "[".repeat(999) + "]".repeat(999);
        assertThat(Codecs.json(Holder.class)
                        .decode("{\"value\":" + deepArrays + "}")
                        .value())
                .isInstanceOf(List.class);
    }

    /**
     * Jackson reads a recursive record by recursion, and 999 levels overflow a small thread stack
     * long before the parser's limit; the overflow comes out as a decoding failure.
     */
    @Test
    void stackOverflowOnARecursiveTypeIsADecodingFailure() throws InterruptedException {
        String deepNodes = "{\"value\":1,\"next\":".repeat(999) + "null" + "}".repeat(999);
        ValueCodec<Node> nodes = Codecs.json(Node.class);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread smallStack = new Thread(
                null,
                () -> {
                    try {
                        nodes.decode(deepNodes);
                    } catch (Throwable e) {
                        thrown.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        smallStack.start();
        smallStack.join();
        assertThat(thrown.get()).isInstanceOf(ValueDecodingException.class).hasMessageContaining("nested too deeply");
    }

    @Test
    void valueJacksonCannotWriteIsRefusedWhenStoring() {
        ValueCodec<Object> anything = Codecs.json(Object.class);
        assertThatThrownBy(() -> anything.encode(new Object() {
                    @SuppressWarnings("unused")
                    public Object getSelf() {
                        return this;
                    }
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
