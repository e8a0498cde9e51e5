package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON array of the distinct elements, in a canonical order: natural order when the elements are
 * {@link Comparable} (strings, numbers, enums in declaration order, dates), else the order of their
 * JSON texts. A set's iteration order is not part of its value, and for a {@code HashSet} or {@code
 * Set.of} it changes from run to run; sorting makes equal sets store the same text, so the stored
 * value does not change (and fire change events in the browser) when the set did not. Read as an
 * unmodifiable set in the stored order; a repeated element counts once. Null elements are refused
 * both ways.
 */
final class SetCodec<E> extends CollectionCodec<E, Set<E>> {

    SetCodec(ValueCodec<E> element) {
        super("Set", element);
    }

    @Override
    public void write(JsonGenerator generator, Set<E> set) throws IOException {
        generator.writeStartArray();
        for (E value : canonicalOrder(set)) {
            element.write(generator, value);
        }
        generator.writeEndArray();
    }

    private List<E> canonicalOrder(Set<E> set) {
        List<E> values = new ArrayList<>(set.size());
        for (E value : set) {
            if (value == null) {
                throw new NullPointerException("a " + typeName() + " holds null; sets are stored without nulls");
            }
            values.add(value);
        }
        if (values.size() < 2) {
            return values;
        }
        if (values.stream().allMatch(value -> value instanceof Comparable)) {
            try {
                // Ties (BigDecimal 1.0 and 1.00) are broken by text, so they too come out the same way.
                values.sort(naturalOrder().thenComparing(element::encode));
                return values;
            } catch (ClassCastException mutuallyIncomparable) {
                // Falls through to the order by text, which any set has.
            }
        }
        return byJsonText(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<E> naturalOrder() {
        return (left, right) -> ((Comparable) left).compareTo(right);
    }

    private List<E> byJsonText(List<E> values) {
        List<Map.Entry<String, E>> byText = new ArrayList<>(values.size());
        for (E value : values) {
            byText.add(new SimpleImmutableEntry<>(element.encode(value), value));
        }
        byText.sort(Map.Entry.comparingByKey());
        List<E> sorted = new ArrayList<>(values.size());
        for (Map.Entry<String, E> entry : byText) {
            sorted.add(entry.getValue());
        }
        return sorted;
    }

    @Override
    Set<E> newCollection() {
        return new LinkedHashSet<>();
    }

    @Override
    Set<E> unmodifiable(Set<E> values) {
        return Collections.unmodifiableSet(values);
    }
}
