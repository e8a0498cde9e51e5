package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reading one element of a list, set or map, which may not be null. */
final class CollectionElements {

    private CollectionElements() {}

    static <E> E read(JsonParser parser, ValueCodec<E> element) throws IOException {
        E value = element.read(parser);
        if (value == null) {
            throw DecodingErrors.unexpected(parser, element.typeName(), "collections are stored without nulls");
        }
        return value;
    }
}
