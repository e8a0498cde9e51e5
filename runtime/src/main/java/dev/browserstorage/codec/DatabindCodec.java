package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A POJO or record as Jackson databind writes it, with {@link SharedJson#MAPPER}'s configuration. The
 * reader and writer are made once here; Jackson caches the (reflective) serializers on first use.
 */
final class DatabindCodec<T> extends AbstractCodec<T> {

    private static final Set<Class<?>> IMMUTABLE_LEAF_TYPES = Set.of(
            String.class,
            Boolean.class,
            Character.class,
            Byte.class,
            Short.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class,
            BigDecimal.class,
            BigInteger.class,
            UUID.class,
            Instant.class,
            LocalDate.class,
            LocalDateTime.class,
            LocalTime.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            Duration.class,
            Period.class);

    private final ObjectReader reader;
    private final ObjectWriter writer;

    /**
     * {@link #producesImmutableValues()} is true for records whose components are all immutable
     * (scalars, enums, dates and such records), so that a decoded value can be shared by every
     * reader. A record holding a {@code List} is not: Jackson fills it with a mutable {@code
     * ArrayList}.
     */
    DatabindCodec(JavaType type) {
        super(describe(type), false, isDeeplyImmutable(type.getRawClass(), new HashSet<>()));
        this.reader = SharedJson.MAPPER.readerFor(type);
        this.writer = SharedJson.MAPPER.writerFor(type);
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        writer.writeValue(generator, value);
    }

    @Override
    public T read(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        String base = DecodingErrors.pointer(parser);
        try {
            return reader.readValue(parser);
        } catch (StackOverflowError e) {
            // Jackson reads a recursive POJO (a tree, a linked list) by recursion, a few hundred
            // levels deep on a 1 MB thread stack, well below the parser's nesting limit. The whole
            // recursion only built a fresh, discarded value, so nothing is left half-changed.
            throw new ValueDecodingException("expected " + typeName() + (base.isEmpty() ? "" : " at " + base)
                    + " but the stored value is nested too deeply to read on this thread");
        } catch (DatabindException e) {
            throw new ValueDecodingException(
                    "expected " + typeName() + pointerOf(base, e) + " but the stored value does not fit: "
                            + DecodingErrors.truncate(String.valueOf(e.getOriginalMessage()), 300),
                    e);
        }
    }

    private static String pointerOf(String base, DatabindException e) {
        StringBuilder pointer = new StringBuilder(base);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference step : mapping.getPath()) {
                pointer.append('/');
                if (step.getFieldName() != null) {
                    pointer.append(step.getFieldName().replace("~", "~0").replace("/", "~1"));
                } else {
                    pointer.append(step.getIndex());
                }
            }
        }
        return pointer.length() == 0 ? "" : " at " + DecodingErrors.truncate(pointer.toString(), 100);
    }

    private static boolean isDeeplyImmutable(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || type.isEnum() || IMMUTABLE_LEAF_TYPES.contains(type)) {
            return true;
        }
        if (!type.isRecord()) {
            return false;
        }
        if (!visiting.add(type)) {
            return true; // a recursive record: its other components decide
        }
        for (RecordComponent component : type.getRecordComponents()) {
            Type declared = component.getGenericType();
            // A type variable or a parameterized type (List<String>) is not known to be immutable.
            if (!(declared instanceof Class<?> componentType) || !isDeeplyImmutable(componentType, visiting)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JavaType type) {
        if (type.isArrayType()) {
            return describe(type.getContentType()) + "[]";
        }
        StringBuilder name = new StringBuilder(type.getRawClass().getSimpleName());
        int parameters = type.containedTypeCount();
        if (parameters > 0) {
            name.append('<');
            for (int i = 0; i < parameters; i++) {
                name.append(i == 0 ? "" : ", ").append(describe(type.containedType(i)));
            }
            name.append('>');
        }
        return name.toString();
    }
}
