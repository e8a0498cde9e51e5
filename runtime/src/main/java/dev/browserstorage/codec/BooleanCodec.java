package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** {@code true} / {@code false}; the strings {@code "true"} and {@code "false"} are refused. */
final class BooleanCodec extends AbstractCodec<Boolean> {

    static final BooleanCodec INSTANCE = new BooleanCodec();

    private BooleanCodec() {
        super("Boolean");
    }

    @Override
    public void write(JsonGenerator generator, Boolean value) throws IOException {
        generator.writeBoolean(value);
    }

    @Override
    public Boolean read(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw DecodingErrors.unexpected(parser, typeName(), "true or false");
        }
    }

    @Override
    public boolean isTextual() {
        return false;
    }

    @Override
    public boolean producesImmutableValues() {
        return true;
    }
}
