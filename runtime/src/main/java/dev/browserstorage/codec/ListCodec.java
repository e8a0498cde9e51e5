package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON array, in list order. Read as an unmodifiable list (whose {@code contains(null)} answers
 * false rather than throwing, unlike {@code List.of}). A null element is refused both ways: the
 * browser's JavaScript is typed to see only elements of the element type.
 */
final class ListCodec<E> extends AbstractCodec<List<E>> {

    private final ValueCodec<E> element;

    ListCodec(ValueCodec<E> element) {
        super("List<" + element.typeName() + ">");
        this.element = element;
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

    @Override
    public List<E> read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw DecodingErrors.unexpected(parser, typeName(), "a JSON array");
        }
        List<E> values = new ArrayList<>();
        while (nextElement(parser)) {
            values.add(CollectionElements.read(parser, element));
        }
        return Collections.unmodifiableList(values);
    }

    static boolean nextElement(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new ValueDecodingException("the stored text ends inside an array");
        }
        return token != JsonToken.END_ARRAY;
    }

    @Override
    public boolean isTextual() {
        return false;
    }

    @Override
    public boolean producesImmutableValues() {
        return element.producesImmutableValues();
    }
}
