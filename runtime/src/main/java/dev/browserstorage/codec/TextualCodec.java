package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.Function;

/**
 * A type whose JSON form is a JSON string of its text: strings, characters, enums, UUIDs, dates. The
 * text alone (without JSON quotes) is also the form of a cookie, see {@link CookieFormCodec}.
 * Sealed: only {@link BigDecimalCodec} reads more than a JSON string (a JSON number too).
 */
sealed class TextualCodec<T> extends AbstractCodec<T> permits BigDecimalCodec {

    private final String expectedForm;
    private final Function<? super T, String> toText;
    private final Function<String, ? extends T> fromText;

    /**
     * @param expectedForm describes a valid text in error messages, such as "an ISO-8601 date"
     * @param fromText parses a text; may throw any runtime exception for an invalid one
     */
    TextualCodec(
            String typeName,
            String expectedForm,
            Function<? super T, String> toText,
            Function<String, ? extends T> fromText) {
        super(typeName, true, true);
        this.expectedForm = expectedForm;
        this.toText = toText;
        this.fromText = fromText;
    }

    final String toText(T value) {
        return toText.apply(value);
    }

    /**
     * @param pointer where the text sits in the stored JSON, for the message; empty at the top
     */
    final T fromText(String text, String pointer) {
        T value;
        try {
            value = fromText.apply(text);
        } catch (RuntimeException e) {
            throw DecodingErrors.badText(typeName(), pointer, text, expectedForm, e);
        }
        if (value == null) {
            throw DecodingErrors.badText(typeName(), pointer, text, expectedForm, null);
        }
        return value;
    }

    final String expectedForm() {
        return expectedForm;
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        generator.writeString(toText(value));
    }

    @Override
    final boolean isScalar() {
        return true;
    }

    @Override
    String encodeFast(T value) {
        return FastJson.quoteIfPlain(toText(value));
    }

    @Override
    final boolean appendFast(StringBuilder out, T value) {
        String text = toText(value);
        if (!FastJson.needsNoEscape(text)) {
            return false;
        }
        out.append('"').append(text).append('"');
        return true;
    }

    @Override
    Object decodeFast(String json, int from, int to) {
        String text = FastJson.unquoteIfPlain(json, from, to);
        if (text == null) {
            return NOT_FAST;
        }
        try {
            return fromText(text, "");
        } catch (ValueDecodingException refused) {
            return NOT_FAST; // Jackson's path says so, with where in the text
        }
    }

    @Override
    public T read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> fromText(parser.getText(), DecodingErrors.pointer(parser));
            default -> throw unexpected(parser, "a JSON string, " + expectedForm);
        };
    }
}
