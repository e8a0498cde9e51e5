package dev.browserstorage.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * A JSON string of the decimal (see {@link DecimalText}); a JSON number is accepted too when reading,
 * since a JavaScript writer may well store {@code 12.5}.
 */
final class BigDecimalCodec extends TextualCodec<BigDecimal> {

    static final BigDecimalCodec INSTANCE = new BigDecimalCodec();

    private BigDecimalCodec() {
        super("BigDecimal", DecimalText.EXPECTED_FORM, DecimalText::toText, DecimalText::fromText);
    }

    @Override
    public BigDecimal read(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                try {
                    yield DecimalText.checkScale(parser.getDecimalValue());
                } catch (IllegalArgumentException e) {
                    throw unexpected(parser, expectedForm());
                }
            }
            default -> super.read(parser);
        };
    }
}
