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

    /** The element codec where it is one of the scalar codecs with fast paths, else {@code null}. */
    final AbstractCodec<E> scalarElement;

    /**
     * @param kind the collection's name in {@link #typeName()}: "List" makes {@code List<String>}
     */
    CollectionCodec(String kind, ValueCodec<E> element) {
        super(kind + "<" + element.typeName() + ">", false, element.producesImmutableValues());
        this.element = element;
        this.scalarElement = element instanceof AbstractCodec<E> codec && codec.isScalar() ? codec : null;
    }

    /**
     * A flat array of scalars without whitespace, {@code ["a","b"]} or {@code [1,2]}, read without
     * Jackson: every element must have its element codec's fast path; anything else (nesting,
     * whitespace, an escape, {@code null}, an element it refuses) is left to Jackson, which reads it
     * or says where it goes wrong.
     */
    @Override
    final Object decodeFast(String json, int from, int to) {
        if (scalarElement == null || to - from < 2 || json.charAt(from) != '[' || json.charAt(to - 1) != ']') {
            return NOT_FAST;
        }
        C values = newCollection();
        int end = to - 1;
        int i = from + 1;
        if (i == end) {
            return unmodifiable(values);
        }
        while (true) {
            int next = elementEnd(json, i, end);
            if (next < 0) {
                return NOT_FAST;
            }
            Object value = scalarElement.decodeFast(json, i, next);
            if (value == NOT_FAST) {
                return NOT_FAST;
            }
            values.add(cast(value));
            if (next == end) {
                return unmodifiable(values);
            }
            i = next + 1; // past the comma
            if (i == end) {
                return NOT_FAST; // a trailing comma
            }
        }
    }

    /**
     * Where the element starting at {@code i} ends: at the comma or the closing bracket that follows
     * it; -1 if no such plain element starts there.
     */
    private static int elementEnd(String json, int i, int end) {
        if (json.charAt(i) == '"') {
            int close = json.indexOf('"', i + 1);
            if (close < 0 || close >= end) {
                return -1;
            }
            // An escaped quote would end the scan early; the element's own fast path then refuses
            // the span (it sees the backslash), and Jackson reads the array.
            int after = close + 1;
            return after == end || json.charAt(after) == ',' ? after : -1;
        }
        int j = i;
        while (j < end && json.charAt(j) != ',') {
            j++;
        }
        return j;
    }

    @SuppressWarnings("unchecked") // decodeFast of the element codec answers an E
    private static <E> E cast(Object value) {
        return (E) value;
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
