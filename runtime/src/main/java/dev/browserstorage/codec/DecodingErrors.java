package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;

/**
 * Builds the messages of {@link ValueDecodingException}: what type was expected, where in the stored
 * JSON (as a JSON Pointer), what was found and, where it helps, which form was expected. The stored
 * text may be hostile, so what is quoted from it is truncated and JSON-escaped: it ends up in logs.
 */
final class DecodingErrors {

    private static final int MAX_QUOTED_CHARS = 60;
    private static final int MAX_POINTER_CHARS = 100;

    private DecodingErrors() {}

    /** The value under the parser's current token has the wrong JSON type or an unusable value. */
    static ValueDecodingException unexpected(JsonParser parser, String typeName, String expectedForm) {
        return new ValueDecodingException(
                message(typeName, pointer(parser), describeCurrentToken(parser), expectedForm));
    }

    /** A JSON string (or a cookie's text) is not a valid form of a textual type. */
    static ValueDecodingException badText(
            String typeName, String pointer, String text, String expectedForm, Throwable cause) {
        return new ValueDecodingException(message(typeName, pointer, "string " + quote(text), expectedForm), cause);
    }

    static String message(String typeName, String pointer, String found, String expectedForm) {
        StringBuilder message = new StringBuilder("expected ").append(typeName);
        if (!pointer.isEmpty()) {
            message.append(" at ").append(pointer);
        }
        message.append(" but found ").append(found);
        if (expectedForm != null) {
            message.append(" (").append(expectedForm).append(')');
        }
        return message.toString();
    }

    /**
     * Where the parser's current value sits in the whole stored JSON, such as {@code /recent/3};
     * empty for the top-level value.
     */
    static String pointer(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        JsonToken token = parser.currentToken();
        // On a START token Jackson has already entered the new container; its place is the parent's.
        if (context != null && (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT)) {
            context = context.getParent();
        }
        if (context == null || context.inRoot()) {
            return "";
        }
        return truncate(context.pathAsPointer().toString(), MAX_POINTER_CHARS);
    }

    static String describeCurrentToken(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null) {
            return "the end of the text";
        }
        try {
            return switch (token) {
                case VALUE_STRING -> "string " + quote(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + truncate(parser.getText(), MAX_QUOTED_CHARS);
                case VALUE_TRUE -> "true";
                case VALUE_FALSE -> "false";
                case VALUE_NULL -> "null";
                case START_ARRAY -> "an array";
                case START_OBJECT -> "an object";
                default -> token.name();
            };
        } catch (IOException e) {
            return token.name();
        }
    }

    /** A JSON string literal of (the start of) a text, safe to log. */
    static String quote(String text) {
        String head = head(text, MAX_QUOTED_CHARS);
        String literal = '"' + new String(JsonStringEncoder.getInstance().quoteAsString(head)) + '"';
        return head.length() == text.length() ? literal : literal + omission(text);
    }

    static String truncate(String text, int maxChars) {
        String head = head(text, maxChars);
        return head.length() == text.length() ? head : head + omission(text);
    }

    private static String head(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never cut an emoji in half
        }
        return text.substring(0, end);
    }

    private static String omission(String text) {
        return "... (" + text.length() + " chars in all)";
    }
}
