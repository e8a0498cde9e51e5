package dev.browserstorage.processor.writer;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.browserstorage.StorageArea;
import dev.browserstorage.browser.StorageLimits;
import dev.browserstorage.cookie.CookieRules;
import dev.browserstorage.processor.model.CookieValues;
import dev.browserstorage.processor.model.FieldModel;
import dev.browserstorage.processor.model.StoreModel;
import dev.browserstorage.processor.model.ValueType;
import dev.browserstorage.protect.Protection;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSON description of a store that the browser glue and the server extension read: its
 * keys, each field's JSON schema and default, lifetimes, limits, cookie attributes, protection
 * ({@code "protection": "signed"} or {@code "encrypted"}) and, for a store above version 1, its
 * {@code "version"}. The format
 * is documented in {@code docs/annotations.md}.
 */
public final class SchemaWriter {
    /** Where the schemas go, relative to the class output. */
    public static final String DIRECTORY = "META-INF/browser-storage/stores/";
    /** The version of the schema format. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The resource path of a store's schema.
     *
     * @param store the store
     * @return {@code META-INF/browser-storage/stores/<qualified POJO name>.json}
     */
    public static String path(StoreModel store) {
        return DIRECTORY + store.pojo().reflectionName() + ".json";
    }

    /**
     * The schema of a store.
     *
     * @param store a store without errors
     * @return the JSON text
     */
    public String write(StoreModel store) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeStringField("type", store.pojo().reflectionName());
            json.writeStringField("store", store.store().reflectionName());
            json.writeStringField("area", store.area().wireName());
            if (store.area() != StorageArea.COOKIE) {
                json.writeStringField("namespace", store.namespace());
            }
            if (store.version() > 1) {
                json.writeNumberField("version", store.version());
            }
            json.writeObjectFieldStart("limits");
            if (store.area() == StorageArea.COOKIE) {
                json.writeNumberField("maxNameValueBytes", CookieRules.MAX_NAME_VALUE_BYTES);
            } else {
                json.writeNumberField("maxValueBytes", StorageLimits.DEFAULT_MAX_VALUE_BYTES);
                json.writeNumberField("maxAreaUnits", StorageLimits.DEFAULT_MAX_AREA_UNITS);
            }
            json.writeEndObject();
            json.writeArrayFieldStart("fields");
            for (FieldModel field : store.fields()) {
                writeField(json, store, field);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void writeField(JsonGenerator json, StoreModel store, FieldModel field) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", field.name());
        json.writeStringField("key", store.keyOf(field));
        json.writeStringField("javaType", field.type().javaType().toString());
        json.writeFieldName("schema");
        writeSchema(json, field.type());
        if (field.defaultLiteral().isPresent()) {
            json.writeFieldName("default");
            writeLiteral(json, field.defaultLiteral().get());
        }
        Optional<String> ttl = store.ttlOf(field);
        if (ttl.isPresent()) {
            json.writeNumberField("ttlSeconds", Duration.parse(ttl.get()).toSeconds());
        }
        writeProtection(json, store, field);
        if (store.area() == StorageArea.COOKIE) {
            json.writeStringField(
                    "cookieEncoding", field.type().kind().isScalar() && isTextual(field.type()) ? "text" : "json");
            writeCookie(json, store, field);
        }
        json.writeEndObject();
    }

    /** {@code "protection": "signed"} or {@code "encrypted"}; nothing for an unprotected field. */
    static void writeProtection(JsonGenerator json, StoreModel store, FieldModel field) throws IOException {
        Protection protection = store.protectionOf(field);
        if (protection != Protection.NONE) {
            json.writeStringField("protection", protection.name().toLowerCase(Locale.ROOT));
        }
    }

    private static boolean isTextual(ValueType type) {
        return switch (type.kind()) {
            case STRING, CHAR, ENUM, BIG_DECIMAL, UUID, INSTANT, LOCAL_DATE, LOCAL_DATE_TIME, DURATION -> true;
            default -> false;
        };
    }

    private static void writeCookie(JsonGenerator json, StoreModel store, FieldModel field) throws IOException {
        CookieValues cookie = store.cookie(field).values();
        json.writeObjectFieldStart("cookie");
        json.writeStringField("path", cookie.path());
        if (!cookie.domain().isEmpty()) {
            json.writeStringField("domain", cookie.domain());
        }
        if (!cookie.maxAge().isEmpty()) {
            json.writeNumberField(
                    "maxAgeSeconds", Duration.parse(cookie.maxAge()).toSeconds());
        }
        json.writeBooleanField("secure", cookie.secure());
        json.writeStringField("sameSite", cookie.sameSite().attributeValue());
        json.writeBooleanField("partitioned", cookie.partitioned());
        json.writeBooleanField("httpOnly", cookie.httpOnly());
        json.writeEndObject();
    }

    static void writeSchema(JsonGenerator json, ValueType type) throws IOException {
        json.writeStartObject();
        switch (type.kind()) {
            case STRING -> json.writeStringField("type", "string");
            case CHAR -> {
                json.writeStringField("type", "string");
                json.writeNumberField("minLength", 1);
                json.writeNumberField("maxLength", 1);
            }
            case BOOLEAN -> json.writeStringField("type", "boolean");
            case BYTE -> integer(json, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> integer(json, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> integer(json, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> integer(json, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT, DOUBLE -> json.writeStringField("type", "number");
            case BIG_DECIMAL -> formatted(json, "decimal");
            case UUID -> formatted(json, "uuid");
            case INSTANT -> formatted(json, "date-time");
            case LOCAL_DATE -> formatted(json, "date");
            case LOCAL_DATE_TIME -> formatted(json, "local-date-time");
            case DURATION -> formatted(json, "duration");
            case ENUM -> {
                json.writeStringField("type", "string");
                json.writeArrayFieldStart("enum");
                for (String constant : type.enumConstants()) {
                    json.writeString(constant);
                }
                json.writeEndArray();
            }
            case LIST, SET -> {
                json.writeStringField("type", "array");
                json.writeFieldName("items");
                writeSchema(json, type.element().orElseThrow());
                if (type.kind() == ValueType.Kind.SET) {
                    json.writeBooleanField("uniqueItems", true);
                }
            }
            case MAP -> {
                json.writeStringField("type", "object");
                json.writeFieldName("additionalProperties");
                writeSchema(json, type.element().orElseThrow());
            }
            case JSON -> {
                json.writeStringField("type", "object");
                json.writeStringField("javaType", type.javaType().toString());
            }
            default -> throw new IllegalStateException("No schema for an unsupported type: " + type.describe());
        }
        json.writeEndObject();
    }

    private static void integer(JsonGenerator json, long min, long max) throws IOException {
        json.writeStringField("type", "integer");
        json.writeNumberField("minimum", min);
        json.writeNumberField("maximum", max);
    }

    private static void formatted(JsonGenerator json, String format) throws IOException {
        json.writeStringField("type", "string");
        json.writeStringField("format", format);
    }

    static void writeLiteral(JsonGenerator json, Object literal) throws IOException {
        if (literal instanceof String text) {
            json.writeString(text);
        } else if (literal instanceof Character character) {
            json.writeString(character.toString());
        } else if (literal instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (literal instanceof Integer || literal instanceof Long) {
            json.writeNumber(((Number) literal).longValue());
        } else if (literal instanceof Float single) {
            // As a float, not widened to double: 0.1f is 0.1, not 0.10000000149011612.
            json.writeNumber(single);
        } else if (literal instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else if (literal instanceof List) {
            json.writeStartArray();
            json.writeEndArray();
        } else if (literal instanceof Map) {
            json.writeStartObject();
            json.writeEndObject();
        } else {
            json.writeNull();
        }
    }
}
