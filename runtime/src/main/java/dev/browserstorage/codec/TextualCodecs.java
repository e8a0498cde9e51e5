package dev.browserstorage.codec;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The textual codecs, one instance per type (enums: per call). */
final class TextualCodecs {

    static final TextualCodec<String> STRING = new TextualCodec<>("String", "any string", text -> text, text -> text);

    static final TextualCodec<Character> CHARACTER = new TextualCodec<>(
            "Character", "a string of exactly one UTF-16 code unit", String::valueOf, TextualCodecs::parseCharacter);

    static final TextualCodec<UUID> UUID = new TextualCodec<>(
            "UUID",
            "a UUID such as \"123e4567-e89b-12d3-a456-426614174000\"",
            java.util.UUID::toString,
            TextualCodecs::parseUuid);

    static final TextualCodec<Instant> INSTANT = new TextualCodec<>(
            "Instant", "an ISO-8601 instant such as \"2011-12-03T10:15:30Z\"", Instant::toString, Instant::parse);

    static final TextualCodec<LocalDate> LOCAL_DATE = new TextualCodec<>(
            "LocalDate", "an ISO-8601 date such as \"2011-12-03\"", LocalDate::toString, LocalDate::parse);

    // ISO_LOCAL_DATE_TIME rather than toString(): it always writes the seconds, as Jackson's
    // JavaTimeModule does, so a date-time reads the same whether it is stored alone or in json().
    static final TextualCodec<LocalDateTime> LOCAL_DATE_TIME = new TextualCodec<>(
            "LocalDateTime",
            "an ISO-8601 local date-time such as \"2011-12-03T10:15:30\"",
            DateTimeFormatter.ISO_LOCAL_DATE_TIME::format,
            LocalDateTime::parse);

    static final TextualCodec<Duration> DURATION = new TextualCodec<>(
            "Duration", "an ISO-8601 duration such as \"PT1H30M\"", Duration::toString, Duration::parse);

    private static final int MAX_LISTED_ENUM_NAMES = 12;

    private TextualCodecs() {}

    static <E extends Enum<E>> TextualCodec<E> enumOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        if (constants == null) {
            throw new IllegalArgumentException(type + " is not an enum");
        }
        // Built once here, so that reading never reflects; only looked up, so HashMap order never shows.
        Map<String, E> byName = new HashMap<>();
        for (E constant : constants) {
            byName.put(constant.name(), constant);
        }
        return new TextualCodec<>(type.getSimpleName(), allowedNames(constants), Enum::name, byName::get);
    }

    private static String allowedNames(Enum<?>[] constants) {
        StringBuilder names = new StringBuilder("one of ");
        int listed = Math.min(constants.length, MAX_LISTED_ENUM_NAMES);
        for (int i = 0; i < listed; i++) {
            names.append(i == 0 ? "" : ", ").append(constants[i].name());
        }
        if (constants.length > listed) {
            names.append(" and ").append(constants.length - listed).append(" more");
        }
        return names.toString();
    }

    private static Character parseCharacter(String text) {
        if (text.length() != 1) {
            throw new IllegalArgumentException("not one UTF-16 code unit");
        }
        return text.charAt(0);
    }

    /**
     * Only the canonical 8-4-4-4-12 hexadecimal form (either case): {@link java.util.UUID#fromString}
     * also accepts forms such as "1-2-3-4-5" and would read them as a different UUID.
     */
    private static UUID parseUuid(String text) {
        if (text.length() != 36) {
            throw new IllegalArgumentException("not 36 characters");
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dashExpected = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashExpected ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
                throw new IllegalArgumentException("not a canonical UUID");
            }
        }
        return java.util.UUID.fromString(text);
    }
}
