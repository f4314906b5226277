package io.propdesk.contracts.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Just enough JSON Schema to check our own schemas against our own JSON: $ref to $defs, type,
 * properties, required, enum, pattern, format (date-time, date, time), items, uniqueItems. In strict
 * mode a property the schema does not declare is an error too, which catches a generator that
 * forgets a component.
 */
final class StructuralValidator {

    private final JsonNode root;
    private final boolean strict;
    private final List<String> errors = new ArrayList<>();

    private StructuralValidator(JsonNode root, boolean strict) {
        this.root = root;
        this.strict = strict;
    }

    static List<String> validate(JsonNode schema, JsonNode instance, boolean strict) {
        StructuralValidator validator = new StructuralValidator(schema, strict);
        validator.check(schema, instance, "$");
        return validator.errors;
    }

    private void check(JsonNode schema, JsonNode value, String path) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            JsonNode target = root.at(ref.substring(1));
            if (target.isMissingNode()) {
                errors.add(path + ": unresolvable $ref " + ref);
                return;
            }
            check(target, value, path);
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
            errors.add(path + ": expected " + schema.get("type").asText() + " but got " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(value.asText())
                        .find()) {
            errors.add(path + ": '" + value.asText() + "' does not match "
                    + schema.get("pattern").asText());
        }
        if (schema.has("format")) {
            checkFormat(schema.get("format").asText(), value.asText(), path);
        }
        if (value.isObject()) {
            checkObject(schema, value, path);
        }
        if (value.isArray()) {
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]");
                }
            }
            if (schema.path("uniqueItems").asBoolean() && new HashSet<>(toList(value)).size() != value.size()) {
                errors.add(path + ": items are not unique");
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path) {
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText()) || value.get(required.asText()).isNull()) {
                errors.add(path + ": required property '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            if (properties.has(property.getKey())) {
                check(properties.get(property.getKey()), property.getValue(), path + "." + property.getKey());
            } else if (strict && !schema.has("$ref")) {
                errors.add(path + ": property '" + property.getKey() + "' is not in the schema");
            }
        }
    }

    private void checkFormat(String format, String text, String path) {
        try {
            switch (format) {
                case "date-time" -> OffsetDateTime.parse(text);
                case "date" -> LocalDate.parse(text);
                case "time" -> LocalTime.parse(text);
                default -> errors.add(path + ": unknown format " + format);
            }
        } catch (DateTimeParseException ex) {
            errors.add(path + ": '" + text + "' is not a valid " + format);
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        return toList(values).contains(value);
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
