package io.propdesk.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.propdesk.contracts.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * How the services read request bodies: strict JSON types (no {@code "true"} or {@code 1} for a
 * boolean, no {@code "3"} or {@code 2.5} for an integer, no number for a string), duplicate keys refused, no control
 * characters in strings but newline and tab in {@link FreeText} fields, and money as a decimal string with at most
 * two decimals up to {@link RequestBounds#MAX_AMOUNT}. Only the request mapper of Spring MVC is made strict: the
 * event store and the CloudEvents codec keep reading what they wrote.
 */
public final class RequestJson {

    private RequestJson() {}

    /** A copy of the application's mapper (its modules and output settings) that reads requests strictly. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy();
        strict.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.enable(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Enum).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("propdesk-strict-requests");
        module.addDeserializer(String.class, new SingleLineString());
        module.addDeserializer(Money.class, new StrictMoney());
        strict.registerModule(module);
        return strict;
    }

    /** Refuses control characters; a free-text field may hold newline and tab. */
    static String checked(String value, boolean freeText, JsonParser p, DeserializationContext ctxt)
            throws JsonMappingException {
        if (RequestBounds.hasControlCharacter(value, freeText)) {
            throw JsonMappingException.from(
                    p,
                    freeText
                            ? "must not contain control characters other than newline and tab"
                            : "must not contain control characters");
        }
        return value;
    }

    /** Every string of a request that is not free text: names, ids, codes. */
    static final class SingleLineString extends StdScalarDeserializer<String> {

        SingleLineString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(StringDeserializer.instance.deserialize(p, ctxt), false, p, ctxt);
        }
    }

    /**
     * Money in a request: {@code {"amount":"80.00","currency":"CNY"}}, the amount a decimal string of at most two
     * decimals between 0 and {@link RequestBounds#MAX_AMOUNT}. {@code "80.005"} is refused, never rounded (P1, P2).
     */
    static final class StrictMoney extends StdDeserializer<Money> {

        StrictMoney() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                throw JsonMappingException.from(
                        p, "must be an object like {\"amount\":\"80.00\",\"currency\":\"CNY\"}");
            }
            JsonNode node = ctxt.readTree(p);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                String name = it.next().getKey();
                if (!name.equals("amount") && !name.equals("currency")) {
                    throw at(p, name, "unknown field");
                }
            }
            JsonNode amount = node.get("amount");
            if (amount == null || !amount.isTextual()) {
                throw at(p, "amount", "must be a decimal string like \"80.00\"");
            }
            if (!amount.asText().matches("\\d{1,7}(\\.\\d{1,2})?")) {
                throw at(p, "amount", "must be a decimal string of at most two decimals, like \"80.00\"");
            }
            BigDecimal value = new BigDecimal(amount.asText());
            if (value.compareTo(RequestBounds.MAX_AMOUNT) > 0) {
                throw at(p, "amount", "must be at most " + RequestBounds.MAX_AMOUNT.toPlainString());
            }
            JsonNode currency = node.get("currency");
            if (currency == null || !currency.isTextual() || !currency.asText().matches("[A-Z]{3}")) {
                throw at(p, "currency", "must be an ISO 4217 code like CNY");
            }
            return new Money(value, currency.asText());
        }

        /** Names the money field itself ({@code items[0].price}), the reason says which part is wrong. */
        private static JsonMappingException at(JsonParser p, String part, String reason) {
            return JsonMappingException.from(p, part + " " + reason);
        }
    }
}
