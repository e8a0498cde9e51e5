package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collection;

/**
 * A list or a set: a JSON array of values of one element codec, none of them null. Reading is the
 * same for both, into the collection the subclass makes and then wraps unmodifiable; writing differs
 * (a list keeps its order, a set is sorted).
 *
 * @param <E> the element type
 * @param <C> the collection type
 */
abstract sealed class CollectionCodec<E, C extends Collection<E>> extends AbstractCodec<C> permits ListCodec, SetCodec {

    final ValueCodec<E> element;

    /**
     * @param kind the collection's name in {@link #typeName()}: "List" makes {@code List<String>}
     */
    CollectionCodec(String kind, ValueCodec<E> element) {
        super(kind + "<" + element.typeName() + ">", false, element.producesImmutableValues());
        this.element = element;
    }

    /** An empty, modifiable collection to read into. */
    abstract C newCollection();

    /** An unmodifiable view of a collection that {@link #newCollection()} made. */
    abstract C unmodifiable(C values);

    @Override
    public final C read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_ARRAY) {
            throw unexpected(parser, "a JSON array");
        }
        C values = newCollection();
        while (nextElement(parser)) {
            values.add(CollectionElements.read(parser, element));
        }
        return unmodifiable(values);
    }

    private static boolean nextElement(JsonParser parser) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new ValueDecodingException("the stored text ends inside an array");
        }
        return token != JsonToken.END_ARRAY;
    }
}
