package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A JSON object with the map's keys as names. Written in the map's iteration order, except for the
 * map kinds whose order is unspecified and changes from run to run ({@code HashMap}, {@code
 * Hashtable}, {@code ConcurrentHashMap}, {@code Map.of} ...), which are written with the keys sorted,
 * so that an unchanged map stores an unchanged text. Read as an unmodifiable map in the stored order;
 * a repeated name keeps its first position and its last value, as {@code JSON.parse} does. Null keys
 * and values are refused both ways.
 *
 * <p>JavaScript iterates an object's integer-like names ("1", "2") first, in numeric order, whatever
 * their order in the text; Java keeps the text's order.
 */
final class MapCodec<V> extends AbstractCodec<Map<String, V>> {

    private static final Class<?> MAP_OF_ONE = Map.of("k", 1).getClass();
    private static final Class<?> MAP_OF_MANY = Map.of("k", 1, "l", 2).getClass();

    private final ValueCodec<V> valueCodec;

    MapCodec(ValueCodec<V> valueCodec) {
        super("Map<String, " + valueCodec.typeName() + ">", false, valueCodec.producesImmutableValues());
        this.valueCodec = valueCodec;
    }

    @Override
    public void write(JsonGenerator generator, Map<String, V> map) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, V> entry : storedOrder(map).entrySet()) {
            String key = entry.getKey();
            V value = entry.getValue();
            if (key == null || value == null) {
                throw new NullPointerException("a " + typeName() + " holds a null "
                        + (key == null ? "key" : "value at \"" + key + "\"") + "; maps are stored without nulls");
            }
            generator.writeFieldName(key);
            valueCodec.write(generator, value);
        }
        generator.writeEndObject();
    }

    private static <V> Map<String, V> storedOrder(Map<String, V> map) {
        if (map.size() < 2 || !hasUnspecifiedOrder(map)) {
            return map;
        }
        for (String key : map.keySet()) {
            if (key == null) { // else TreeMap would throw a bare NullPointerException
                throw new NullPointerException("a map to store holds a null key; maps are stored without nulls");
            }
        }
        return new TreeMap<>(map);
    }

    private static boolean hasUnspecifiedOrder(Map<?, ?> map) {
        Class<?> type = map.getClass();
        return (map instanceof HashMap && !(map instanceof LinkedHashMap))
                || map instanceof Hashtable
                || map instanceof ConcurrentHashMap
                || map instanceof WeakHashMap
                || type == MAP_OF_ONE
                || type == MAP_OF_MANY;
    }

    @Override
    public Map<String, V> read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw unexpected(parser, "a JSON object");
        }
        Map<String, V> values = new LinkedHashMap<>();
        for (token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            parser.nextToken();
            values.put(key, CollectionElements.read(parser, valueCodec));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new ValueDecodingException("the stored text ends inside an object");
        }
        return Collections.unmodifiableMap(values);
    }
}
