package dev.browserstorage.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollectionCodecsTest {

    enum Theme {
        LIGHT,
        DARK,
        SEPIA
    }

    record Point(int x, int y) {}

    private final ValueCodec<List<String>> strings = Codecs.list(Codecs.string());
    private final ValueCodec<Set<String>> stringSet = Codecs.set(Codecs.string());
    private final ValueCodec<Map<String, Integer>> counts = Codecs.map(Codecs.integer());

    @Test
    void listIsAJsonArrayInOrder() {
        assertThat(strings.encode(List.of("b", "a"))).isEqualTo("[\"b\",\"a\"]");
        assertThat(strings.encode(List.of())).isEqualTo("[]");
        assertThat(strings.decode("[\"b\",\"a\"]")).containsExactly("b", "a");
        assertThat(strings.decode(" [ ] ")).isEmpty();
        assertThat(strings.decode("[\"a\",\"a\"]")).containsExactly("a", "a");
    }

    @Test
    void nestedCollectionsRoundTrip() {
        ValueCodec<Map<String, List<Instant>>> codec = Codecs.map(Codecs.list(Codecs.instant()));
        Map<String, List<Instant>> value = new LinkedHashMap<>();
        value.put("z", List.of(Instant.EPOCH, Instant.ofEpochSecond(1, 5)));
        value.put("a", List.of());
        String stored = codec.encode(value);
        assertThat(stored).isEqualTo("{\"z\":[\"1970-01-01T00:00:00Z\",\"1970-01-01T00:00:01.000000005Z\"],\"a\":[]}");
        assertThat(codec.decode(stored)).isEqualTo(value);
        assertThat(codec.typeName()).isEqualTo("Map<String, List<Instant>>");
    }

    @Test
    void mapIsAJsonObject() {
        assertThat(counts.encode(Map.of("k", 1))).isEqualTo("{\"k\":1}");
        assertThat(counts.encode(Map.of())).isEqualTo("{}");
        assertThat(counts.decode("{\"k\":1}")).containsExactly(Map.entry("k", 1));
        assertThat(counts.decode("{}")).isEmpty();
        assertThat(counts.decode("{\"\":1, \"with \\\"quote\\\"\":2}")).containsOnlyKeys("", "with \"quote\"");
    }

    @Test
    void mapKeepsTheOrderOfOrderedMaps() {
        Map<String, Integer> linked = new LinkedHashMap<>();
        linked.put("zebra", 1);
        linked.put("apple", 2);
        linked.put("mango", 3);
        assertThat(counts.encode(linked)).isEqualTo("{\"zebra\":1,\"apple\":2,\"mango\":3}");
        assertThat(counts.decode(counts.encode(linked)).keySet()).containsExactly("zebra", "apple", "mango");
        Map<String, Integer> descending = new TreeMap<>(Collections.reverseOrder());
        descending.putAll(linked);
        assertThat(counts.encode(descending)).isEqualTo("{\"zebra\":1,\"mango\":3,\"apple\":2}");
    }

    @Test
    void mapSortsTheKeysOfMapsWithoutAnOrder() {
        String sorted = "{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8}";
        Map<String, Integer> entries = new TreeMap<>();
        for (char key = 'h'; key >= 'a'; key--) {
            entries.put(String.valueOf(key), key - 'a' + 1);
        }
        assertThat(counts.encode(Map.copyOf(entries))).isEqualTo(sorted);
        assertThat(counts.encode(new HashMap<>(entries))).isEqualTo(sorted);
        assertThat(counts.encode(new ConcurrentHashMap<>(entries))).isEqualTo(sorted);
    }

    @Test
    void repeatedNameKeepsFirstPositionAndLastValueLikeJsonParse() {
        Map<String, Integer> read = counts.decode("{\"a\":1,\"b\":2,\"a\":3}");
        assertThat(read).containsExactly(Map.entry("a", 3), Map.entry("b", 2));
    }

    @Test
    void setIsStoredSortedWhateverItsIterationOrder() {
        Set<String> linked = new LinkedHashSet<>(List.of("pear", "apple", "fig"));
        assertThat(stringSet.encode(linked)).isEqualTo("[\"apple\",\"fig\",\"pear\"]");
        assertThat(stringSet.encode(Set.of("fig", "pear", "apple"))).isEqualTo("[\"apple\",\"fig\",\"pear\"]");
        assertThat(stringSet.encode(new HashSet<>(linked))).isEqualTo("[\"apple\",\"fig\",\"pear\"]");
        assertThat(Codecs.set(Codecs.integer()).encode(Set.of(10, 9, -1))).isEqualTo("[-1,9,10]");
        assertThat(Codecs.set(Codecs.enumOf(Theme.class)).encode(EnumSet.of(Theme.SEPIA, Theme.LIGHT)))
                .isEqualTo("[\"LIGHT\",\"SEPIA\"]");
    }

    @Test
    void setOfValuesThatAreNotComparableIsSortedByText() {
        ValueCodec<Set<Point>> points = Codecs.set(Codecs.json(Point.class));
        assertThat(points.encode(Set.of(new Point(2, 0), new Point(1, 5))))
                .isEqualTo("[{\"x\":1,\"y\":5},{\"x\":2,\"y\":0}]");
    }

    @Test
    void setTiesInNaturalOrderAreBrokenByText() {
        ValueCodec<Set<BigDecimal>> decimals = Codecs.set(Codecs.bigDecimal());
        Set<BigDecimal> one = new LinkedHashSet<>(List.of(new BigDecimal("1.00"), new BigDecimal("1.0")));
        Set<BigDecimal> other = new LinkedHashSet<>(List.of(new BigDecimal("1.0"), new BigDecimal("1.00")));
        assertThat(decimals.encode(one)).isEqualTo(decimals.encode(other)).isEqualTo("[\"1.0\",\"1.00\"]");
    }

    @Test
    void setReadsInStoredOrderAndCollapsesRepeats() {
        assertThat(stringSet.decode("[\"b\",\"a\",\"b\"]")).containsExactly("b", "a");
    }

    @Test
    void decodedCollectionsAreUnmodifiable() {
        List<String> list = strings.decode("[\"a\"]");
        Set<String> set = stringSet.decode("[\"a\"]");
        Map<String, Integer> map = counts.decode("{\"a\":1}");
        assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.set(0, "b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(2))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(list.contains(null)).isFalse(); // unlike List.of, which throws
    }

    @Test
    void immutabilityFollowsTheElements() {
        assertThat(strings.producesImmutableValues()).isTrue();
        assertThat(Codecs.map(Codecs.set(Codecs.instant())).producesImmutableValues())
                .isTrue();
        ValueCodec<List<StringBuilder>> mutableElements = Codecs.list(Codecs.json(StringBuilder.class));
        assertThat(mutableElements.producesImmutableValues()).isFalse();
        assertThat(Codecs.map(mutableElements).producesImmutableValues()).isFalse();
    }

    @Test
    void describeThemselves() {
        assertThat(strings.typeName()).isEqualTo("List<String>");
        assertThat(Codecs.set(Codecs.enumOf(Theme.class)).typeName()).isEqualTo("Set<Theme>");
        assertThat(Codecs.map(Codecs.instant()).typeName()).isEqualTo("Map<String, Instant>");
        assertThat(strings.isTextual()).isFalse();
        assertThat(stringSet.isTextual()).isFalse();
        assertThat(counts.isTextual()).isFalse();
    }

    @Test
    void nullElementsAreNotStored() {
        List<String> withNull = new ArrayList<>(Arrays.asList("a", null));
        assertThatThrownBy(() -> strings.encode(withNull))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("element 1");
        Set<String> setWithNull = new HashSet<>(Arrays.asList("a", null));
        assertThatThrownBy(() -> stringSet.encode(setWithNull)).isInstanceOf(NullPointerException.class);
        Map<String, Integer> nullValue = new HashMap<>();
        nullValue.put("a", null);
        assertThatThrownBy(() -> counts.encode(nullValue))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("\"a\"");
        Map<String, Integer> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        nullKey.put("b", 2);
        assertThatThrownBy(() -> counts.encode(nullKey))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null key");
    }

    @Test
    void nullElementsAreNotRead() {
        assertThatThrownBy(() -> strings.decode("[\"a\",null]"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage("expected String at /1 but found null (collections are stored without nulls)");
        assertThatThrownBy(() -> stringSet.decode("[null]")).isInstanceOf(ValueDecodingException.class);
        assertThatThrownBy(() -> counts.decode("{\"a\":null}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessageContaining("at /a");
    }

    @Test
    void wholeCollectionMayBeNull() {
        assertThat(strings.decode("null")).isNull();
        assertThat(counts.decode("null")).isNull();
    }

    @Test
    void wrongElementIsReportedWithItsPlace() {
        ValueCodec<Map<String, List<Theme>>> codec = Codecs.map(Codecs.list(Codecs.enumOf(Theme.class)));
        assertThatThrownBy(() -> codec.decode("{\"recent\":[\"LIGHT\",\"PURPLE\"]}"))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage("expected Theme at /recent/1 but found string \"PURPLE\" (one of LIGHT, DARK, SEPIA)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"a\"", "{}", "[\"a\"", "[\"a\",]", "[[\"a\"]]", "[1]", "[\"a\"] []", "[\"a\"]]"})
    void listRefusesWhatIsNotAnArrayOfTheElementType(String storedText) {
        assertThatThrownBy(() -> strings.decode(storedText)).isInstanceOf(ValueDecodingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"a\":\"1\"}", "{\"a\":1", "{\"a\":1,}", "{a:1}", "{\"a\":1}}"})
    void mapRefusesWhatIsNotAnObjectOfTheValueType(String storedText) {
        assertThatThrownBy(() -> counts.decode(storedText)).isInstanceOf(ValueDecodingException.class);
    }

    @Test
    void streamingCodecsOnlyDescendAsDeepAsTheirType() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        assertThatThrownBy(() -> Codecs.list(Codecs.list(Codecs.integer())).decode(deep))
                .isInstanceOf(ValueDecodingException.class)
                .hasMessage(
                        "expected Integer at /0/0 but found an array (a whole number from -2147483648 to 2147483647)");
    }
}
