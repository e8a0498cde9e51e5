package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** {@code true} / {@code false}; the strings {@code "true"} and {@code "false"} are refused. */
final class BooleanCodec extends AbstractCodec<Boolean> {

    static final BooleanCodec INSTANCE = new BooleanCodec();

    private BooleanCodec() {
        super("Boolean", false, true);
    }

    @Override
    public void write(JsonGenerator generator, Boolean value) throws IOException {
        generator.writeBoolean(value);
    }

    @Override
    final boolean isScalar() {
        return true;
    }

    @Override
    String encodeFast(Boolean value) {
        return value ? "true" : "false";
    }

    @Override
    Object decodeFast(String json, int from, int to) {
        if (FastJson.isLiteral(json, from, to, "true")) {
            return Boolean.TRUE;
        }
        return FastJson.isLiteral(json, from, to, "false") ? Boolean.FALSE : NOT_FAST;
    }

    @Override
    public Boolean read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw unexpected(parser, "true or false");
        };
    }
}
