package dev.browserstorage.codec;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The codecs of every supported type. Generated stores call these ({@code Codecs.string()}, {@code
 * Codecs.list(Codecs.integer())}); so may hand-written code.
 *
 * <p>The stored form is JSON that JavaScript reads with {@code JSON.parse}:
 *
 * <table>
 *   <caption>Stored forms</caption>
 *   <tr><th>Java</th><th>codec</th><th>stored text, for example</th></tr>
 *   <tr><td>String</td><td>{@link #string()}</td><td>{@code "light"}</td></tr>
 *   <tr><td>Boolean</td><td>{@link #bool()}</td><td>{@code true}</td></tr>
 *   <tr><td>Byte, Short, Integer, Long</td><td>{@link #integer()} ...</td><td>{@code 14}</td></tr>
 *   <tr><td>Float, Double</td><td>{@link #doubleValue()} ...</td><td>{@code 1.5}</td></tr>
 *   <tr><td>Character</td><td>{@link #character()}</td><td>{@code "x"}</td></tr>
 *   <tr><td>an enum</td><td>{@link #enumOf(Class)}</td><td>{@code "DARK"}</td></tr>
 *   <tr><td>BigDecimal</td><td>{@link #bigDecimal()}</td><td>{@code "12.50"}</td></tr>
 *   <tr><td>UUID</td><td>{@link #uuid()}</td><td>{@code "123e4567-e89b-12d3-a456-426614174000"}</td></tr>
 *   <tr><td>Instant</td><td>{@link #instant()}</td><td>{@code "2011-12-03T10:15:30.123Z"}</td></tr>
 *   <tr><td>LocalDate</td><td>{@link #localDate()}</td><td>{@code "2011-12-03"}</td></tr>
 *   <tr><td>LocalDateTime</td><td>{@link #localDateTime()}</td><td>{@code "2011-12-03T10:15:30"}</td></tr>
 *   <tr><td>Duration</td><td>{@link #duration()}</td><td>{@code "PT1H30M"}</td></tr>
 *   <tr><td>List, Set</td><td>{@link #list(ValueCodec)}, {@link #set(ValueCodec)}</td><td>{@code ["a","b"]}</td></tr>
 *   <tr><td>Map&lt;String, V&gt;</td><td>{@link #map(ValueCodec)}</td><td>{@code {"k":1}}</td></tr>
 *   <tr><td>a POJO or record</td><td>{@link #json(Class)}</td><td>{@code {"street":"Main St","number":5}}</td></tr>
 * </table>
 *
 * <p>Rules common to every codec:
 *
 * <ul>
 *   <li>The stored text is compact (no spaces) and keeps non-ASCII characters as they are; only a
 *       lone surrogate (half of a UTF-16 pair) is written as a {@code \}{@code uXXXX} escape, as
 *       JavaScript's {@code JSON.stringify} does, so that the text is well-formed Unicode and still
 *       reads back as the same Java string.
 *   <li>{@code decode} accepts exactly one JSON value, with surrounding whitespace; JSON {@code null}
 *       reads as {@code null}. Anything else, from invalid JSON to a value of the wrong type or out
 *       of range, throws {@link ValueDecodingException} saying what was expected, where (as a JSON
 *       Pointer such as {@code /recent/3}) and what was found; no other exception comes out of
 *       {@code decode}.
 *   <li>{@code encode} of {@code null} throws {@link NullPointerException}: an absent value is
 *       removed, not stored.
 *   <li>Collections never hold {@code null}: {@code encode} throws {@link NullPointerException} for
 *       a null element, key or value, {@code decode} a {@link ValueDecodingException}.
 *   <li>No JSON value may be nested more than 1000 levels deep, the limit of Jackson's {@code
 *       StreamReadConstraints}, pinned here.
 * </ul>
 *
 * <p>A factory for a fixed type returns the same instance on every call; the others ({@link
 * #enumOf}, {@link #list}, {@link #json} ...) make a new codec, which is best kept in a constant. All
 * codecs are immutable and thread safe.
 */
public final class Codecs {

    private Codecs() {}

    /**
     * A string, stored as a JSON string: {@code "light"}. Only a JSON string reads as one; the number
     * {@code 14} does not.
     *
     * @return the codec
     */
    public static ValueCodec<String> string() {
        return TextualCodecs.STRING;
    }

    /**
     * A boolean, stored as {@code true} or {@code false}. The strings {@code "true"} and {@code
     * "false"} do not read as one.
     *
     * @return the codec, also for the primitive {@code boolean}
     */
    public static ValueCodec<Boolean> bool() {
        return BooleanCodec.INSTANCE;
    }

    /**
     * A byte, stored as a JSON number: {@code -3}. See {@link #integer()} for what reads as one.
     *
     * @return the codec, also for the primitive {@code byte}
     */
    public static ValueCodec<Byte> byteValue() {
        return IntegralCodec.BYTE;
    }

    /**
     * A short, stored as a JSON number: {@code 1200}. See {@link #integer()} for what reads as one.
     *
     * @return the codec, also for the primitive {@code short}
     */
    public static ValueCodec<Short> shortValue() {
        return IntegralCodec.SHORT;
    }

    /**
     * An int, stored as a JSON number without fraction or exponent: {@code 14}. Reads any JSON
     * number whose value is whole and within the int range, so {@code 14.0} and {@code 1.4e1} read as
     * 14 too; a fraction ({@code 14.5}), a value out of range, a string ({@code "14"}) or any other
     * JSON type is refused, never rounded or clamped.
     *
     * @return the codec, also for the primitive {@code int}
     */
    public static ValueCodec<Integer> integer() {
        return IntegralCodec.INTEGER;
    }

    /**
     * A long, stored as a JSON number: {@code 9007199254740993}. Reads as {@link #integer()} does,
     * within the long range. JavaScript's {@code JSON.parse} rounds integers beyond ±(2<sup>53</sup>−1)
     * to the nearest double; where the browser must see such values exactly, store them as strings.
     *
     * @return the codec, also for the primitive {@code long}
     */
    public static ValueCodec<Long> longValue() {
        return IntegralCodec.LONG;
    }

    /**
     * A float, stored as a JSON number in {@link Float#toString(float)}'s digits: {@code 1.5}, {@code
     * 1.0E10}. Reads any JSON number (also {@code 3}), to the nearest float; a number beyond the float
     * range is refused. Encoding NaN or an infinity throws {@link IllegalArgumentException}: JSON has
     * no form for them.
     *
     * @return the codec, also for the primitive {@code float}
     */
    public static ValueCodec<Float> floatValue() {
        return FloatingPointCodec.FLOAT;
    }

    /**
     * A double, stored as a JSON number in {@link Double#toString(double)}'s digits: {@code 0.1},
     * {@code 1.0E-7}. Reads any JSON number (also {@code 3}), to the nearest double as {@code
     * JSON.parse} does; a number beyond the double range is refused. Encoding NaN or an infinity
     * throws {@link IllegalArgumentException}: JSON has no form for them.
     *
     * @return the codec, also for the primitive {@code double}
     */
    public static ValueCodec<Double> doubleValue() {
        return FloatingPointCodec.DOUBLE;
    }

    /**
     * A char, stored as a JSON string of that one UTF-16 code unit: {@code "x"}. A string of any
     * other length, such as an emoji (two units), does not read as one.
     *
     * @return the codec, also for the primitive {@code char}
     */
    public static ValueCodec<Character> character() {
        return TextualCodecs.CHARACTER;
    }

    /**
     * An enum constant, stored as a JSON string of its {@link Enum#name()}: {@code "DARK"}. An
     * unknown name is refused with a message listing the known ones (the first dozen). Renaming a
     * constant therefore makes stored values unreadable: they read as the default.
     *
     * @param type the enum class
     * @param <E> the enum type
     * @return a new codec; {@link ValueCodec#typeName()} is the enum's simple name
     */
    public static <E extends Enum<E>> ValueCodec<E> enumOf(Class<E> type) {
        return TextualCodecs.enumOf(Objects.requireNonNull(type, "type"));
    }

    /**
     * A decimal, stored as a JSON string so that JavaScript does not round it to a double: {@code
     * "12.50"}, {@code "-0.001"}. The text keeps the scale, so the value reads back {@link
     * BigDecimal#equals equal}: plain digits when the scale is zero or positive, {@link
     * BigDecimal#toString()}'s exponent form when it is negative ({@code "1.2E+3"} for 1.2×10³ with
     * scale −2). Reads a JSON string in {@link BigDecimal#BigDecimal(String)}'s syntax or a JSON
     * number. The scale must be within ±1000 both ways (encode throws {@link
     * IllegalArgumentException}): a value like {@code 1e-999999999} is cheap to read but would make
     * arithmetic on it in application code take forever.
     *
     * @return the codec
     */
    public static ValueCodec<BigDecimal> bigDecimal() {
        return BigDecimalCodec.INSTANCE;
    }

    /**
     * A UUID, stored as a JSON string in lower case: {@code "123e4567-e89b-12d3-a456-426614174000"}.
     * Reads the canonical 8-4-4-4-12 form in either case (what {@code crypto.randomUUID()} makes),
     * and nothing shorter.
     *
     * @return the codec
     */
    public static ValueCodec<UUID> uuid() {
        return TextualCodecs.UUID;
    }

    /**
     * An instant, stored as a JSON string in ISO-8601 UTC, as {@link Instant#toString()} writes it:
     * {@code "2011-12-03T10:15:30Z"}, {@code "2011-12-03T10:15:30.123456789Z"} (fractions in groups
     * of three digits). JavaScript's {@code new Date(text)} reads it (to the millisecond); Java reads
     * {@code Date.prototype.toISOString()}'s output.
     *
     * @return the codec
     */
    public static ValueCodec<Instant> instant() {
        return TextualCodecs.INSTANT;
    }

    /**
     * A date, stored as a JSON string in ISO-8601: {@code "2011-12-03"}.
     *
     * @return the codec
     */
    public static ValueCodec<LocalDate> localDate() {
        return TextualCodecs.LOCAL_DATE;
    }

    /**
     * A date and time without zone, stored as a JSON string in ISO-8601 with the seconds always
     * written and the fraction only when not zero, in as few digits as needed: {@code
     * "2011-12-03T10:15:00"}, {@code "2011-12-03T10:15:30.5"}. This is Jackson's form too, so the
     * same field reads the same inside a {@link #json(Class)} value. JavaScript's {@code new
     * Date(text)} reads it as local time. Reads any ISO-8601 local date-time, also without seconds.
     *
     * @return the codec
     */
    public static ValueCodec<LocalDateTime> localDateTime() {
        return TextualCodecs.LOCAL_DATE_TIME;
    }

    /**
     * A duration, stored as a JSON string in ISO-8601 as {@link Duration#toString()} writes it:
     * {@code "PT1H30M"}, {@code "PT0.5S"}, {@code "PT-10S"}.
     *
     * @return the codec
     */
    public static ValueCodec<Duration> duration() {
        return TextualCodecs.DURATION;
    }

    /**
     * A list, stored as a JSON array of its elements in order: {@code ["a","b"]}, {@code []}. Reads
     * as an unmodifiable list. Null elements are refused both ways.
     *
     * @param element the codec of the elements
     * @param <E> the element type
     * @return a new codec; immutable values when the element codec's are
     */
    public static <E> ValueCodec<List<E>> list(ValueCodec<E> element) {
        return new ListCodec<>(Objects.requireNonNull(element, "element"));
    }

    /**
     * A set, stored as a JSON array of its elements sorted: natural order when the elements are
     * {@link Comparable} (strings, numbers, enums in declaration order, dates), else by their JSON
     * text. So equal sets always store the same text, whatever the set's own iteration order (which
     * for a {@code HashSet} or {@code Set.of} changes from run to run); use a {@link #list} where the
     * order matters. Reads as an unmodifiable set in the stored order; an element stored twice counts
     * once. Null elements are refused both ways.
     *
     * @param element the codec of the elements
     * @param <E> the element type
     * @return a new codec; immutable values when the element codec's are
     */
    public static <E> ValueCodec<Set<E>> set(ValueCodec<E> element) {
        return new SetCodec<>(Objects.requireNonNull(element, "element"));
    }

    /**
     * A map with string keys, stored as a JSON object: {@code {"k":1}}, {@code {}}. Written in the
     * map's iteration order ({@code LinkedHashMap}, {@code TreeMap}), except that a map whose order is
     * unspecified and changes from run to run ({@code HashMap}, {@code Hashtable}, {@code
     * ConcurrentHashMap}, {@code WeakHashMap}, {@code Map.of}) is written with its keys sorted. Reads
     * as an unmodifiable map in the stored order; a name stored twice keeps its first position and
     * its last value, as {@code JSON.parse} does. Null keys and values are refused both ways. Note
     * that JavaScript iterates integer-like names ({@code "1"}, {@code "2"}) first, in numeric order.
     *
     * @param value the codec of the values
     * @param <V> the value type
     * @return a new codec; immutable values when the value codec's are
     */
    public static <V> ValueCodec<Map<String, V>> map(ValueCodec<V> value) {
        return new MapCodec<>(Objects.requireNonNull(value, "value"));
    }

    /**
     * A POJO or record, stored as the JSON object Jackson databind writes: properties in declaration
     * order (a record's in component order), java.time values as ISO-8601 strings (as {@link
     * #instant()} and the others write them), BigDecimal as a string (as {@link #bigDecimal()}), map
     * entries sorted by key. Reading ignores unknown properties, so a value stored by an older version
     * of the class still reads, but does not truncate {@code 1.5} to an int property nor read an enum
     * from its ordinal. Jackson's annotations ({@code @JsonProperty} ...) apply. Sets inside the value
     * are written in their iteration order: prefer {@code List}, {@code EnumSet} or {@code TreeSet}
     * there, for a stored text that does not change from run to run.
     *
     * <p>{@link ValueCodec#producesImmutableValues()} is true for a record whose components are all
     * scalars (String, boxed primitives, BigDecimal, UUID), enums, java.time values or such records,
     * and for those types themselves; false for other classes, and for records holding a collection,
     * an array or a type variable (Jackson fills collections with mutable ones).
     *
     * @param type the class; the value is written as this class even if it is a subclass
     * @param <T> the type
     * @return a new codec; {@link ValueCodec#typeName()} is the class's simple name
     */
    public static <T> ValueCodec<T> json(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new DatabindCodec<>(SharedJson.MAPPER.constructType(type));
    }

    /**
     * A generic POJO or record, such as {@code new TypeReference<Page<Address>>() {}}; otherwise as
     * {@link #json(Class)}.
     *
     * @param type the full type
     * @param <T> the type
     * @return a new codec; {@link ValueCodec#typeName()} is like {@code Page<Address>}
     */
    public static <T> ValueCodec<T> json(TypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return new DatabindCodec<>(SharedJson.MAPPER.constructType(type));
    }

    /**
     * The codec of a cookie's value, derived from a value's JSON codec so that a plain HTTP server
     * (and {@code decodeURIComponent} in JavaScript) can read it.
     *
     * <p>The text is the bare string for a {@linkplain ValueCodec#isTextual() textual} type (no JSON
     * quotes: {@code en}, {@code DARK}, {@code 2011-12-03T10:15:30Z}), else the JSON text ({@code 14},
     * {@code true}, {@code ["x","y"]}), percent-encoded by {@link #percentEncodeCookieValue(String)}:
     * so {@code en} stays {@code en}, the string {@code a b} becomes {@code a%20b} and the list
     * {@code ["x","y"]} becomes {@code %5B%22x%22%2C%22y%22%5D}.
     *
     * <p>{@code decode} percent-decodes (see {@link #percentDecodeCookieValue(String)}, so values
     * written with {@code encodeURIComponent} read too), then takes the text as the string itself for
     * a textual type, else as JSON. For a textual type, a cookie never reads as {@code null}: {@code
     * null} is the four-letter string. {@code encode} throws {@link IllegalArgumentException} for a
     * string holding a lone surrogate, which UTF-8 cannot carry. {@code write} and {@code read} are
     * the JSON codec's: nested values are JSON.
     *
     * @param json the value's JSON codec; a cookie-form codec is returned as it is
     * @param <T> the value type
     * @return the cookie-form codec
     */
    public static <T> ValueCodec<T> cookieForm(ValueCodec<T> json) {
        Objects.requireNonNull(json, "json");
        return json instanceof CookieFormCodec ? json : new CookieFormCodec<>(json);
    }

    /**
     * Percent-encodes a text into an RFC 6265bis cookie value: every character that is not a
     * cookie-octet (visible ASCII except {@code "}, {@code ,}, {@code ;} and {@code \}) becomes the
     * {@code %XX} escapes of its UTF-8 bytes, in upper case: {@code a b;} becomes {@code a%20b%3B},
     * {@code é} becomes {@code %C3%A9}. So do four cookie-octets: {@code %}, which introduces an
     * escape, {@code +}, which PHP and other form-style decoders read as a space, and {@code [} and
     * {@code ]}, at which Python's {@code http.cookies} stops reading. All other characters, such as
     * {@code :}, {@code /}, {@code =}, <code>&#123;</code> and <code>&#125;</code>, stay as they are, so that dates and
     * most plain words stay readable. JavaScript's {@code decodeURIComponent} reverses it.
     *
     * @param text any text
     * @return the text itself when nothing needed escaping
     * @throws IllegalArgumentException if the text holds a lone surrogate, which has no UTF-8 form
     *     (as JavaScript's {@code encodeURIComponent} throws a {@code URIError})
     */
    public static String percentEncodeCookieValue(String text) {
        return CookieValues.percentEncode(Objects.requireNonNull(text, "text"));
    }

    /**
     * Reverses {@link #percentEncodeCookieValue(String)}, and reads {@code encodeURIComponent}'s
     * output too: every {@code %XX} (either case) is decoded, consecutive ones as UTF-8; every other
     * character, {@code +} included, stands for itself.
     *
     * @param cookieValue a cookie's value as the browser sent it
     * @return the text
     * @throws ValueDecodingException if a {@code %} is not followed by two hexadecimal digits, or the
     *     escaped bytes are not UTF-8
     */
    public static String percentDecodeCookieValue(String cookieValue) {
        return CookieValues.percentDecode(
                Objects.requireNonNull(cookieValue, "cookieValue"), "a percent-encoded cookie value");
    }
}
