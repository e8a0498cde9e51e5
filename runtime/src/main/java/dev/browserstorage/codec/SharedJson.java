package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson factory and the one mapper behind every codec. Both are configured here, once,
 * during class initialization, and never touched again: Jackson's factories and mappers are thread
 * safe under exactly that condition.
 */
final class SharedJson {

    /**
     * Jackson's own default, pinned here so that a JVM-wide override by some other library cannot
     * loosen it: a stored value comes from the browser and may be hostile.
     */
    static final int MAX_NESTING_DEPTH = 1000;

    /** Jackson's default for the digits of one JSON number; also the limit of a BigDecimal's text. */
    static final int MAX_NUMBER_LENGTH = 1000;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    /**
     * For {@link Codecs#json}. Built on {@link #FACTORY} so that its parsers carry the same limits;
     * the mapper registers itself as the factory's codec here, before anyone else can see either.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .addModule(new JavaTimeModule())
            .addModule(DecimalText.jacksonModule())
            // ISO-8601 strings, the same text as Codecs.instant(), localDate() ...
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // A HashMap inside a POJO would otherwise be stored in a different order per run.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // A value stored by an older version of the class, with a field since removed,
            // still reads.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The same strictness as Codecs.integer(): 1.5 is not silently truncated to 1, and
            // an enum is its name, not its ordinal.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private SharedJson() {}
}
