package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON array, in list order. Read as an unmodifiable list (whose {@code contains(null)} answers
 * false rather than throwing, unlike {@code List.of}). A null element is refused both ways: the
 * browser's JavaScript is typed to see only elements of the element type.
 */
final class ListCodec<E> extends CollectionCodec<E, List<E>> {

    ListCodec(ValueCodec<E> element) {
        super("List", element);
    }

    @Override
    public void write(JsonGenerator generator, List<E> list) throws IOException {
        generator.writeStartArray();
        int index = 0;
        for (E value : list) {
            if (value == null) {
                throw new NullPointerException(
                        "element " + index + " of a " + typeName() + " is null; lists are stored without nulls");
            }
            element.write(generator, value);
            index++;
        }
        generator.writeEndArray();
    }

    /** A list of scalars, each in its fast form: {@code ["a","b"]}, as Jackson's generator writes it. */
    @Override
    String encodeFast(List<E> list) {
        if (scalarElement == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(16 + 24 * list.size()).append('[');
        for (E value : list) {
            if (json.length() > 1) {
                json.append(',');
            }
            if (value == null || !scalarElement.appendFast(json, value)) {
                return null; // a null element, or one needing an escape: Jackson's path says which
            }
        }
        return json.append(']').toString();
    }

    @Override
    List<E> newCollection() {
        return new ArrayList<>();
    }

    @Override
    List<E> unmodifiable(List<E> values) {
        return Collections.unmodifiableList(values);
    }
}
