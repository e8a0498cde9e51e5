package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.Objects;

/**
 * A cookie's value: the bare text for a textual type, else the JSON text; percent-encoded. See
 * {@link Codecs#cookieForm(ValueCodec)}. Nested values ({@link #write}, {@link #read}) are the JSON
 * codec's.
 *
 * @param json the value's JSON codec
 */
record CookieFormCodec<T>(ValueCodec<T> json) implements ValueCodec<T> {

    @Override
    public String encode(T value) {
        String text = json.isTextual() ? bareText(value) : json.encode(value);
        return CookieValues.percentEncode(text);
    }

    @Override
    public T decode(String cookieValue) {
        String text = CookieValues.percentDecode(Objects.requireNonNull(cookieValue, "cookieValue"), json.typeName());
        if (!json.isTextual()) {
            return json.decode(text);
        }
        if (json instanceof TextualCodec<T> textual) {
            return textual.fromText(text, "");
        }
        // Another library's textual codec: give it the JSON string it knows how to read.
        return json.decode('"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"');
    }

    private String bareText(T value) {
        if (json instanceof TextualCodec<T> textual) {
            return textual.toText(value);
        }
        String encoded = json.encode(value);
        try (JsonParser parser = SharedJson.FACTORY.createParser(encoded)) {
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                if (parser.nextToken() == null) {
                    return text;
                }
            }
        } catch (IOException e) {
            // Reported below with the offending text.
        }
        throw new IllegalStateException(
                json + " says isTextual() but encoded a value as " + DecodingErrors.quote(encoded));
    }

    @Override
    public void write(JsonGenerator generator, T value) throws IOException {
        json.write(generator, value);
    }

    @Override
    public T read(JsonParser parser) throws IOException {
        return json.read(parser);
    }

    @Override
    public boolean isTextual() {
        return json.isTextual();
    }

    @Override
    public boolean producesImmutableValues() {
        return json.producesImmutableValues();
    }

    @Override
    public String typeName() {
        return json.typeName();
    }

    @Override
    public String toString() {
        return "cookie form of " + json;
    }
}
